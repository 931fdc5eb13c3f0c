// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// A server that sends its headers and then stalls: HttpClient's timeout ends at the headers, and .NET Framework's
/// response streams ignore a read's token, so the body is bounded by closing the stream.
/// </summary>
public sealed class AcmeAnswerTimeoutTests
{
    [Fact]
    public async Task AnAnswerThatStallsAfterItsHeadersIsUnreachableWhenTheTimeIsUp()
    {
        using var temp = new TempFolder();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var release = new CancellationTokenSource();
        Task server = Task.Run(() => StallAfterHeaders(listener, release.Token));
        try
        {
            // The https form is the factory's rule; the client itself speaks to any URL, which a plain server here needs.
            var directory = new Uri($"http://127.0.0.1:{port}/directory");
            var settings = new AcmeSettings { RequestTimeout = TimeSpan.FromSeconds(1), Wait = TimeSpan.FromSeconds(5) };
            var client = new AcmeCaClient(directory, settings, new AcmeAccountStore(temp.Path, directory), new AcmeChallengeStore(temp.Path), null, null, _ => { }, CaClientFactory.CreateAcmeHandler);

            Task<CaResult> submitted = Task.Run(() => client.Submit(new CaSubmission(new byte[] { 0x30, 0x00 }, new[] { "pool.contoso.com" }, null), CancellationToken.None));
            Task finished = await Task.WhenAny(submitted, Task.Delay(TimeSpan.FromSeconds(60)));

            Assert.Same(submitted, finished);
            CaResult result = await submitted;
            Assert.Equal(CaOutcome.Unreachable, result.Outcome);
            Assert.Contains("1 seconds", result.Message, StringComparison.Ordinal);
        }
        finally
        {
            release.Cancel();
            listener.Stop();
            await Task.WhenAny(server, Task.Delay(TimeSpan.FromSeconds(10)));
        }
    }

    private static async Task StallAfterHeaders(TcpListener listener, CancellationToken release)
    {
        byte[] head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
        while (!release.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        NetworkStream stream = client.GetStream();
                        _ = await stream.ReadAsync(new byte[8192], 0, 8192);
                        await stream.WriteAsync(head, 0, head.Length);
                        await Task.Delay(Timeout.Infinite, release);
                    }
                    catch (Exception ex) when (ex is IOException || ex is OperationCanceledException || ex is ObjectDisposedException)
                    {
                        // Released at the end of the test, or the client gave up.
                    }
                }
            });
        }
    }
}
