// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using CsCertificate.Model;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Commands;

/// <summary>
/// Ctrl+C while the command waits for a CA: PowerShell calls StopProcessing, whose token ends the CA call at once;
/// the stored request is kept, with a message saying it was stopped and how to resume it.
/// </summary>
[Collection(nameof(RequestCsCertificateCommandTests))]
public sealed class RequestCsCertificateStopTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();
    private readonly TestEnvironment _environment;
    private readonly PowerShellHost _host;
    private readonly string _topology;

    public RequestCsCertificateStopTests()
    {
        _environment = new TestEnvironment(_temp.File("home"), localComputerFqdn: "fe1.contoso.com");
        _host = new PowerShellHost(_environment);
        _topology = _temp.Write(
            "topology.tbxml",
            new TopologyDocumentBuilder("contoso.com")
                .FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }, webExternal: "web.contoso.com")
                .TopologyBuilderFile().ToString());
    }

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void StopsACaCallThatHangsAndKeepsTheRequestToResume()
    {
        // A "CA" that accepts the connection and never answers: without the stop, the call would wait for the
        // 30-second request timeout and end as CaUnreachable.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        int accepted = 0;
        try
        {
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            silent.BeginAcceptTcpClient(Accept, null);
            void Accept(IAsyncResult r)
            {
                try
                {
                    held.Add(silent.EndAcceptTcpClient(r));
                    Interlocked.Increment(ref accepted);
                }
                catch (ObjectDisposedException)
                {
                }
            }

            var parameters = new Dictionary<string, object?>
            {
                ["New"] = null,
                ["Type"] = new[] { CertType.Default },
                ["CA"] = $"https://127.0.0.1:{port}/directory",
                ["TopologyPath"] = new[] { _topology },
            };

            (PowerShellHost.Result result, bool stopped) = _host.InvokeAndStop(parameters, () => Volatile.Read(ref accepted) > 0, TimeSpan.FromSeconds(60));

            Assert.True(stopped);
            Assert.Equal(1, Volatile.Read(ref accepted));
            Assert.Empty(result.Errors);
            JsonElement record = Record(1);
            Assert.Equal("Submitting", record.GetProperty("status").GetString());
            Assert.Contains("Stopped (Ctrl+C)", record.GetProperty("statusMessage").GetString());
            Assert.Contains("-Retrieve -RequestId 1", record.GetProperty("statusMessage").GetString());
            Assert.True(File.Exists(Path.Combine(_temp.File("home"), "keys", record.GetProperty("keyFile").GetString()!)));
        }
        finally
        {
            silent.Stop();
            held.ForEach(c => c.Dispose());
        }
    }

    private JsonElement Record(int id) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_temp.File("home"), "requests", id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + ".json"))).RootElement;
}
