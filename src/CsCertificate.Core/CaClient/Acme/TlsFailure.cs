// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Tells a failed TLS connection apart from an unreachable server: a certificate the system does not trust, or a
/// handshake that failed (no protocol or cipher suite in common, typically TLS 1.2 disabled on the client). Both
/// are the configuration's, and retrying will not fix them.
/// </summary>
internal static class TlsFailure
{
    /// <summary>Not an ACME error: the module's own problem type for a failed handshake, which makes the request Misconfigured.</summary>
    public const string HandshakeProblemType = "urn:cscertificate:error:tlsHandshakeFailed";

    /// <summary>SEC_E_* and CERT_E_* codes of Schannel start with 0x8009 03xx and 0x800B 01xx.</summary>
    private const int SchannelFacility = unchecked((int)0x80090300);
    private const int CertificateFacility = unchecked((int)0x800B0100);

    /// <summary>The Schannel codes that are about the server's certificate rather than the handshake itself.</summary>
    private static readonly int[] s_certificateCodes =
    {
        unchecked((int)0x80090322), // SEC_E_WRONG_PRINCIPAL
        unchecked((int)0x80090325), // SEC_E_UNTRUSTED_ROOT
        unchecked((int)0x80090328), // SEC_E_CERT_EXPIRED
        unchecked((int)0x80090327), // SEC_E_CERT_UNKNOWN
        unchecked((int)0x80090349), // SEC_E_CERT_WRONG_USAGE
    };

    /// <summary>ERROR_WINHTTP_SECURE_CHANNEL_ERROR and ERROR_WINHTTP_SECURE_FAILURE (the WinHttpHandler of early PowerShell 6).</summary>
    private const int WinHttpSecureChannelError = 12157;
    private const int WinHttpSecureFailure = 12175;

    /// <summary>What kind of TLS failure a failed request is, if it is one.</summary>
    public static TlsFailureKind Classify(HttpRequestException exception)
    {
        bool handshake = IsSecureConnectionError(exception);
        for (Exception? current = exception.InnerException; current != null; current = current.InnerException)
        {
            switch (current)
            {
                case WebException web when web.Status == WebExceptionStatus.TrustFailure:
                    return TlsFailureKind.Untrusted;
                case WebException web when web.Status == WebExceptionStatus.SecureChannelFailure:
                    // .NET Framework: "Could not create SSL/TLS secure channel".
                    handshake = true;
                    break;
                case AuthenticationException authentication when authentication.InnerException == null:
                    // SslStream rejects the certificate without an inner exception; a failed handshake carries the system's error.
                    return TlsFailureKind.Untrusted;
                case AuthenticationException:
                    handshake = true;
                    break;
                case System.IO.IOException io when io.TargetSite?.DeclaringType?.FullName == "System.Net.Security.SslState":
                    // .NET Framework: "Authentication failed because the remote party has closed the transport
                    // stream", how a server that wants TLS 1.2 usually refuses an older client.
                    handshake = true;
                    break;
                case Win32Exception native when IsCertificateCode(native.NativeErrorCode):
                    return TlsFailureKind.Untrusted;
                case Win32Exception native when IsSchannelCode(native.NativeErrorCode) || native.NativeErrorCode == WinHttpSecureChannelError || native.NativeErrorCode == WinHttpSecureFailure:
                    handshake = true;
                    break;
            }
        }

        return handshake ? TlsFailureKind.Handshake : TlsFailureKind.None;
    }

    private static bool IsSchannelCode(int code) => (code & unchecked((int)0xFFFFFF00)) == SchannelFacility;

    private static bool IsCertificateCode(int code) => Array.IndexOf(s_certificateCodes, code) >= 0 || (code & unchecked((int)0xFFFFFF00)) == CertificateFacility;

    /// <summary>
    /// .NET 8 and later say which stage failed (HttpRequestException.HttpRequestError); a server that closes the
    /// connection during the handshake shows nothing else. Read by name: netstandard2.0 does not have it.
    /// </summary>
    private static bool IsSecureConnectionError(HttpRequestException exception) =>
        exception.GetType().GetProperty("HttpRequestError")?.GetValue(exception)?.ToString() == "SecureConnectionError";
}
