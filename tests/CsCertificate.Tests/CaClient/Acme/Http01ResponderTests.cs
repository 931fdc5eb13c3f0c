// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using CsCertificate.CaClient.Acme;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

public sealed class Http01ResponderTests
{
    [Fact]
    public async Task AnswersAKnownTokenWithItsKeyAuthorizationAndAnythingElseWith404()
    {
        int port = FreePort();
        using Http01Responder responder = Http01Responder.Start(IPAddress.Loopback, port);
        responder.Add("token-1", "token-1.thumbprint");
        using var http = new HttpClient();

        HttpResponseMessage known = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/token-1");
        HttpResponseMessage unknown = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/other");
        HttpResponseMessage elsewhere = await http.GetAsync($"http://127.0.0.1:{port}/token-1");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal("token-1.thumbprint", await known.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(1, responder.Answered);
    }

    [Fact]
    public void ABusyPortIsASocketError()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;
            Assert.Throws<SocketException>(() => Http01Responder.Start(IPAddress.Loopback, port).Dispose());
        }
        finally
        {
            taken.Stop();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
