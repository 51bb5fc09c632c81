namespace Monitor.Options;

public enum SmtpSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}
