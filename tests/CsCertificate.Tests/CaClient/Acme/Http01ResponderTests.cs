// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using CsCertificate.CaClient.Acme;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// Both http-01 responders, the socket server of Linux and macOS and HTTP.sys (HttpListener) of Windows, answer
/// the same way; HttpListener runs here on .NET's own server, with an address prefix (the + prefix of Windows
/// where the platform allows it).
/// </summary>
public sealed class Http01ResponderTests
{
    public static readonly TheoryData<string> Kinds = new TheoryData<string> { "socket", "httplistener" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AnswersAKnownTokenWithItsKeyAuthorizationAndAnythingElseWith404(string kind)
    {
        int port = FreePort.OnLoopback();
        var answers = new Dictionary<string, string> { ["token-1"] = "token-1.thumbprint" };
        using IHttp01Responder responder = Start(kind, port, t => answers.TryGetValue(t, out string? a) ? a : null);
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

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AnswersTheChallengesOfTheDataFolderIncludingThoseSavedAfterItStarted(string kind)
    {
        using var temp = new TempFolder();
        var store = new AcmeChallengeStore(temp.Path);
        int port = FreePort.OnLoopback();
        using IHttp01Responder responder = Start(kind, port, store.Http01Answer);
        using var http = new HttpClient();

        // Another command of the same data folder saves its challenge while this responder runs.
        store.Save(new AcmeChallengeRecord { Type = AcmeChallenge.Http01, Token = "other-order-token", KeyAuthorization = "other-order-token.thumb", Order = "https://ca/order/2", RequestId = 2 });
        HttpResponseMessage answered = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/other-order-token");
        store.RemoveRequest(2);
        HttpResponseMessage removed = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/other-order-token");

        Assert.Equal("other-order-token.thumb", await answered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task NeverLooksUpAPathThatIsNotAToken(string kind)
    {
        var asked = new List<string>();
        int port = FreePort.OnLoopback();
        using IHttp01Responder responder = Start(kind, port, t =>
        {
            asked.Add(t);
            return "answer";
        });
        using var http = new HttpClient();

        HttpResponseMessage traversal = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/..%2F..%2Fkeys%2F000001");
        HttpResponseMessage dotted = await http.GetAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/a.b");
        HttpResponseMessage posted = await http.PostAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/token", new StringContent("x"));

        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dotted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Empty(asked);
    }

    [Fact]
    public void WindowsAnswersThroughHttpSysAndTheOthersWithASocket()
    {
        int port = FreePort.OnLoopback();
        IPAddress address = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? IPAddress.Any : IPAddress.Loopback;
        using IHttp01Responder responder = Http01Responder.Start(address, port, _ => null);

        Assert.IsType(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? typeof(HttpListenerHttp01Responder) : typeof(SocketHttp01Responder), responder);
    }

    [Fact]
    public void RegistersTheChallengePathForEveryHostOrForTheAddressGiven()
    {
        Assert.Equal("http://+:80/.well-known/acme-challenge/", HttpListenerHttp01Responder.Prefix(IPAddress.Any, 80));
        Assert.Equal("http://+:8080/.well-known/acme-challenge/", HttpListenerHttp01Responder.Prefix(IPAddress.IPv6Any, 8080));
        Assert.Equal("http://192.0.2.10:80/.well-known/acme-challenge/", HttpListenerHttp01Responder.Prefix(IPAddress.Parse("192.0.2.10"), 80));
        Assert.Equal("http://[2001:db8::1]:80/.well-known/acme-challenge/", HttpListenerHttp01Responder.Prefix(IPAddress.Parse("2001:db8::1"), 80));
    }

    [Fact]
    public async Task SharesItsPortWithAnotherSiteOfTheSameServerAsWithIis()
    {
        // IIS registers its sites with HTTP.sys as http://*:80/ (or host names); the challenge path is ours, the rest is theirs.
        int port = FreePort.OnLoopback();
        using var site = new HttpListener();
        site.Prefixes.Add($"http://{(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "*" : "127.0.0.1")}:{port}/");
        site.Start();
        Task siteServes = ServeOnce(site, "the web site");
        using IHttp01Responder responder = HttpListenerHttp01Responder.Start(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? IPAddress.Any : IPAddress.Loopback, port, t => t == "token-1" ? "token-1.thumb" : null);
        using var http = new HttpClient();

        string challenge = await http.GetStringAsync($"http://127.0.0.1:{port}/.well-known/acme-challenge/token-1");
        string page = await http.GetStringAsync($"http://127.0.0.1:{port}/default.htm");

        Assert.Equal("token-1.thumb", challenge);
        Assert.Equal("the web site", page);
        await siteServes;
    }

    [Fact]
    public async Task TwoCommandsOfOneDataFolderCanServeOnePortAtOnceOnLinuxAndMacOs()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return; // Windows answers through HTTP.sys, where one process at a time registers the challenge URL.
        }

        using var temp = new TempFolder();
        var store = new AcmeChallengeStore(temp.Path);
        store.Save(new AcmeChallengeRecord { Type = AcmeChallenge.Http01, Token = "first", KeyAuthorization = "first.thumb", RequestId = 1 });
        int port = FreePort.OnLoopback();
        using IHttp01Responder first = Http01Responder.Start(IPAddress.Loopback, port, store.Http01Answer);
        using (IHttp01Responder second = Http01Responder.Start(IPAddress.Loopback, port, store.Http01Answer))
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
            Assert.Throws<SocketException>(() => SocketHttp01Responder.Start(IPAddress.Loopback, port, _ => null).Dispose());
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void AChallengeUrlThatIsAlreadyRegisteredIsAnHttpListenerError()
    {
        int port = FreePort.OnLoopback();
        IPAddress address = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? IPAddress.Any : IPAddress.Loopback;
        using HttpListenerHttp01Responder first = HttpListenerHttp01Responder.Start(address, port, _ => null);

        Assert.Throws<HttpListenerException>(() => HttpListenerHttp01Responder.Start(address, port, _ => null).Dispose());
    }

    [Theory]
    [InlineData("")]
    [InlineData("GET /.well-known/acme-challenge/token-1 HTTP/1.1\r\nHost: pool")]
    public async Task AClientThatStopsSendingIsCutOffWhenItsTimeIsUp(string sent)
    {
        // .NET Framework's NetworkStream ignores the token of a read: the connection is closed instead, on every runtime.
        int port = FreePort.OnLoopback();
        using SocketHttp01Responder responder = SocketHttp01Responder.Start(IPAddress.Loopback, port, _ => "answer", TimeSpan.FromMilliseconds(200));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        NetworkStream stream = client.GetStream();
        byte[] bytes = Encoding.ASCII.GetBytes(sent);
        await stream.WriteAsync(bytes, 0, bytes.Length);

        Task<int> read = ReadToEnd(stream);
        Task finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(read, finished);
        Assert.Equal(0, responder.Answered);
    }

    private static IHttp01Responder Start(string kind, int port, Func<string, string?> answerOf) => kind == "socket"
        ? SocketHttp01Responder.Start(IPAddress.Loopback, port, answerOf)
        : HttpListenerHttp01Responder.Start(IPAddress.Loopback, port, answerOf);

    /// <summary>Reads until the server closes the connection (or resets it); returns the bytes read.</summary>
    private static async Task<int> ReadToEnd(NetworkStream stream)
    {
        var buffer = new byte[1024];
        int total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }
        }
        catch (IOException)
        {
            // Reset by the server: closed as well.
        }

        return total;
    }

    private static async Task ServeOnce(HttpListener listener, string body)
    {
        HttpListenerContext context = await listener.GetContextAsync();
        byte[] bytes = Encoding.ASCII.GetBytes(body);
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes, 0, bytes.Length);
        context.Response.Close();
    }
}
