// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using CsCertificate.CaClient.Acme;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

public sealed class Http01ResponderTests
{
    [Fact]
    public async Task AnswersAKnownTokenWithItsKeyAuthorizationAndAnythingElseWith404()
    {
        int port = FreePort.OnLoopback();
        var answers = new Dictionary<string, string> { ["token-1"] = "token-1.thumbprint" };
        using Http01Responder responder = Http01Responder.Start(IPAddress.Loopback, port, t => answers.TryGetValue(t, out string? a) ? a : null);
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
    public async Task AnswersTheChallengesOfTheDataFolderIncludingThoseSavedAfterItStarted()
    {
        using var temp = new TempFolder();
        var store = new AcmeChallengeStore(temp.Path);
        int port = FreePort.OnLoopback();
        using Http01Responder responder = Http01Responder.Start(IPAddress.Loopback, port, store.Http01Answer);
        using var http = new HttpClient();

        // Another command of the same data folder saves its challenge while this responder runs.
        store.Save(new AcmeChallengeRecord { Type = AcmeChallenge.Http01, Token = "other-order-token", KeyAuthorization = "other-order-token.thumb", Order = "https://ca/order/2", RequestId = 2 });
        HttpResponseMessage answered = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/other-order-token");
        store.RemoveRequest(2);
        HttpResponseMessage removed = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/other-order-token");

        Assert.Equal("other-order-token.thumb", await answered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
    }

    [Fact]
    public async Task NeverLooksUpAPathThatIsNotAToken()
    {
        var asked = new List<string>();
        int port = FreePort.OnLoopback();
        using Http01Responder responder = Http01Responder.Start(IPAddress.Loopback, port, t =>
        {
            asked.Add(t);
            return "answer";
        });
        using var http = new HttpClient();

        HttpResponseMessage traversal = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/..%2F..%2Fkeys%2F000001");
        HttpResponseMessage dotted = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/a.b");

        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dotted.StatusCode);
        Assert.Empty(asked);
    }

    [Fact]
    public async Task TwoCommandsOfOneDataFolderCanServeOnePortAtOnceOnLinuxAndMacOs()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return; // Windows keeps the port exclusive (see Http01Responder).
        }

        using var temp = new TempFolder();
        var store = new AcmeChallengeStore(temp.Path);
        store.Save(new AcmeChallengeRecord { Type = AcmeChallenge.Http01, Token = "first", KeyAuthorization = "first.thumb", RequestId = 1 });
        int port = FreePort.OnLoopback();
        using Http01Responder first = Http01Responder.Start(IPAddress.Loopback, port, store.Http01Answer);
        using (Http01Responder second = Http01Responder.Start(IPAddress.Loopback, port, store.Http01Answer))
        {
            using var http = new HttpClient();
            Assert.Equal("first.thumb", await http.GetStringAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/first"));
        }

        // The first keeps answering after the second command has ended.
        using var after = new HttpClient();
        Assert.Equal("first.thumb", await after.GetStringAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/first"));
    }

    [Fact]
    public void ABusyPortIsASocketError()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;
            Assert.Throws<SocketException>(() => Http01Responder.Start(IPAddress.Loopback, port, _ => null).Dispose());
        }
        finally
        {
            taken.Stop();
        }
    }
}
