namespace Monitor.Options;

/// <summary>The <c>Monitor:Http</c> section: the service's own small web server (health, subscription pages). Off by default.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Monitor:Http";

    /// <summary>TCP port; 0 turns the web server off.</summary>
    public int Port { get; set; }

    /// <summary>Address to listen on: <c>127.0.0.1</c> (default) or <c>0.0.0.0</c> in a container.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    public bool Enabled => Port > 0;
}
