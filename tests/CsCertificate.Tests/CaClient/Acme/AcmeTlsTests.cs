// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// TLS on every runtime: the module's own handler asks for TLS 1.2 or later whatever ServicePointManager says
/// (Windows PowerShell 5.1), and a failed handshake is a configuration to fix, not an unreachable CA.
/// </summary>
public sealed class AcmeTlsTests
{
    [Fact]
#pragma warning disable SYSLIB0014 // What Windows PowerShell 5.1's HttpClient follows: it must stay as it was.
    public void TheHandlerAsksForTls12OrLaterAndChangesNothingProcessWide()
    {
        SecurityProtocolType before = ServicePointManager.SecurityProtocol;

        using HttpClientHandler handler = AcmeHttpHandler.Create();

        Assert.True((handler.SslProtocols & SslProtocols.Tls12) == SslProtocols.Tls12, handler.SslProtocols.ToString());
        Assert.Equal(SslProtocols.None, handler.SslProtocols & ~AcmeHttpHandler.Tls12AndTls13);
        Assert.Equal(before, ServicePointManager.SecurityProtocol);
    }
#pragma warning restore SYSLIB0014

    [Fact]
    public void ReadsEachRuntimesWayOfSayingTheHandshakeFailed()
    {
        // .NET Framework: "Could not create SSL/TLS secure channel", with or without Schannel's error inside.
        Assert.Equal(TlsFailureKind.Handshake, Classify(new WebException("Could not create SSL/TLS secure channel.", WebExceptionStatus.SecureChannelFailure)));
        Assert.Equal(TlsFailureKind.Handshake, Classify(new WebException("x", new AuthenticationException("A call to SSPI failed, see inner exception.", new Win32Exception(unchecked((int)0x80090331))), WebExceptionStatus.SecureChannelFailure, null)));

        // .NET (PowerShell 7) on Windows and Linux: the system's error inside an AuthenticationException.
        Assert.Equal(TlsFailureKind.Handshake, Classify(new AuthenticationException("Authentication failed, see inner exception.", new Win32Exception(unchecked((int)0x80090326)))));
        Assert.Equal(TlsFailureKind.Handshake, Classify(new AuthenticationException("Authentication failed, see inner exception.", new IOException("tlsv1 alert protocol version"))));

        // WinHttpHandler (PowerShell 6.0): ERROR_WINHTTP_SECURE_CHANNEL_ERROR.
        Assert.Equal(TlsFailureKind.Handshake, Classify(new Win32Exception(12157)));
    }

    [Fact]
    public void TellsAnUntrustedCertificateFromAFailedHandshakeAndFromAnOutage()
    {
        Assert.Equal(TlsFailureKind.Untrusted, Classify(new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot")));
        Assert.Equal(TlsFailureKind.Untrusted, Classify(new WebException("x", new AuthenticationException("The remote certificate is invalid according to the validation procedure."), WebExceptionStatus.TrustFailure, null)));
        Assert.Equal(TlsFailureKind.Untrusted, Classify(new AuthenticationException("x", new Win32Exception(unchecked((int)0x80090325)))));
        Assert.Equal(TlsFailureKind.None, Classify(new SocketException(10061)));
        Assert.Equal(TlsFailureKind.None, Classify(new WebException("The remote name could not be resolved", WebExceptionStatus.NameResolutionFailure)));
    }

    [Theory]
    [InlineData("a TLS alert (protocol_version)")]
    [InlineData("the connection closed during the handshake")]
    public async Task AServerThatSpeaksNoCommonTlsIsMisconfiguredAndSaysTls12IsNeeded(string answer)
    {
        // What a server that wants TLS 1.2 does to a client that offers less, and a client without TLS 1.2 sees.
        using var temp = new TempFolder();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Task server = Task.Run(() => RefuseHandshakes(listener, answer == "a TLS alert (protocol_version)"));
        try
        {
            var directory = new Uri($"https://127.0.0.1:{port}/directory");
            var client = new AcmeCaClient(directory, new AcmeSettings { Wait = TimeSpan.FromSeconds(5) }, new AcmeAccountStore(temp.Path, directory), new AcmeChallengeStore(temp.Path), null, null, _ => { }, CaClientFactory.CreateAcmeHandler);

            CaResult result = client.Submit(new CaSubmission(new byte[] { 0x30, 0x00 }, new[] { "pool.contoso.com" }, null), CancellationToken.None);

            Assert.Equal(CaOutcome.Misconfigured, result.Outcome);
            Assert.Equal(TlsFailure.HandshakeProblemType, result.Code);
            Assert.Contains("TLS 1.2", result.Message, StringComparison.Ordinal);
            Assert.Contains(@"SCHANNEL\Protocols\TLS 1.2\Client", result.Message, StringComparison.Ordinal);
            Assert.Contains("-Retrieve", result.Message, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
            await Task.WhenAny(server, Task.Delay(TimeSpan.FromSeconds(10)));
        }
    }

    private static TlsFailureKind Classify(Exception inner) => TlsFailure.Classify(new HttpRequestException("An error occurred while sending the request.", inner));

    /// <summary>Reads each ClientHello and answers with a fatal protocol_version alert, or closes the connection.</summary>
    private static void RefuseHandshakes(TcpListener listener, bool alert)
    {
        byte[] protocolVersionAlert = { 0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46 };
        while (true)
        {
            TcpClient client;
            try
            {
                client = listener.AcceptTcpClient();
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    stream.ReadTimeout = 5000;
                    var hello = new byte[16 * 1024];
                    _ = stream.Read(hello, 0, hello.Length);
                    if (alert)
                    {
                        stream.Write(protocolVersionAlert, 0, protocolVersionAlert.Length);
                    }
                }
                catch (IOException)
                {
                    // The client gave up first.
                }
            }
        }
    }
}
