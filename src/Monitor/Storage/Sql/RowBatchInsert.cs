using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Monitor.Storage.Sql;

/// <summary>
/// An INSERT of a fixed number of rows, built once and executed again with new values. The number of rows per statement
/// is the dialect's (<see cref="ISqlDialect.InsertBatchRows"/>): on SQLite one row, whose statement is prepared once
/// and reused (a many-row statement there costs more to bind than it saves); on PostgreSQL many rows, one round trip.
/// </summary>
internal sealed class RowBatchInsert : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _values;
    private readonly int _columns;

    /// <param name="head"><c>INSERT INTO t (a, b, c) VALUES </c></param>
    /// <param name="columns">Values given per row (named <c>@r{row}c{column}</c>).</param>
    /// <param name="rowTail">Appended inside each row's parentheses after its values (<c>, @seen</c>), or empty.</param>
    /// <param name="tail"><c>ON CONFLICT ...</c>, <c>RETURNING ...</c>.</param>
    public RowBatchInsert(DbConnection connection, DbTransaction transaction, string head, int columns, int rows, string rowTail, string tail)
    {
        _columns = columns;
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _values = new DbParameter[rows * columns];
        var sql = new StringBuilder(head);
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@r{r}c{c}");
                sql.Append(c == 0 ? string.Empty : ", ").Append(name);
                _values[(r * columns) + c] = _command.Add(name, null);
            }

            sql.Append(rowTail).Append(')');
        }

        _command.CommandText = sql.Append(' ').Append(tail).ToString();
    }

    public DbCommand Command => _command;

    /// <summary>Adds a parameter every row shares (<c>@seen</c>).</summary>
    public void Share(string name, object? value) => _command.Add(name, value);

    public void Set(int row, int column, object? value) => _values[(row * _columns) + column].Value = value ?? DBNull.Value;

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
