// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Net.Http;
using System.Security.Authentication;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The HTTP handler of the module's own ACME connections. ACME servers accept TLS 1.2 or later only, while Windows
/// PowerShell 5.1's HttpClient follows ServicePointManager.SecurityProtocol, which is often SSL 3 and TLS 1.0 on
/// older servers: the handler asks for TLS 1.2 (and 1.3 where the runtime knows it) itself, so nothing
/// process-wide is changed for the other modules of the session.
/// </summary>
internal static class AcmeHttpHandler
{
    /// <summary>SslProtocols.Tls13, by value: netstandard2.0 and .NET Framework 4.7.2 do not name it.</summary>
    public const SslProtocols Tls13 = (SslProtocols)12288;

    /// <summary>The protocols asked for when the runtime accepts TLS 1.3; which one is used is the operating system's choice.</summary>
    public const SslProtocols Tls12AndTls13 = SslProtocols.Tls12 | Tls13;

    /// <summary>A handler that validates the server's certificate against the system's trust, as it always does.</summary>
    public static HttpClientHandler Create()
    {
        var handler = new HttpClientHandler();
        try
        {
            handler.SslProtocols = Tls12AndTls13;
        }
        catch (PlatformNotSupportedException)
        {
            // .NET Framework 4.7.1 does not implement the property; the module needs 4.7.2 (NetFrameworkTooOld).
        }
        catch (Exception ex) when (ex is NotSupportedException || ex is ArgumentException)
        {
            // .NET Framework 4.7.2 refuses protocols it does not know (4.8 knows TLS 1.3): TLS 1.2 then.
            handler.SslProtocols = SslProtocols.Tls12;
        }

        return handler;
    }
}
