// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using CsCertificate.Model;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Commands;

/// <summary>-Retrieve errors speak of the stored request and its CA as stored: the user typed no -CA.</summary>
[Collection(nameof(RequestCsCertificateCommandTests))]
public sealed class RequestCsCertificateRetrieveTests : IDisposable
{
    private const string Suffix = ",CsCertificate.Commands.RequestCsCertificateCommand";

    private readonly TempFolder _temp = new TempFolder();
    private readonly PowerShellHost _host;
    private readonly string _topology;

    public RequestCsCertificateRetrieveTests()
    {
        _host = new PowerShellHost(new TestEnvironment(_temp.File("home"), localComputerFqdn: "fe1.contoso.com"));
        _topology = _temp.Write(
            "topology.tbxml",
            new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }, webExternal: "web.contoso.com").TopologyBuilderFile().ToString());
    }

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("atl-ca-001.litwareinc.com\\myca", "224", "CaNotSupportedOnPlatform", "certreq -retrieve -config \"atl-ca-001.litwareinc.com\\myca\" 224")]
    [InlineData("atl-ca-001.litwareinc.com\\myca", null, "CaNotSupportedOnPlatform", "on Windows")]
    [InlineData("http://acme.contoso.com/directory", "https://acme.contoso.com/order/1", "InvalidCaName", "changed outside the module")]
    public void NamesTheRequestAndItsStoredCa(string ca, string? caRequestId, string errorId, string remedy)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && errorId == "CaNotSupportedOnPlatform")
        {
            return; // Windows has DCOM.
        }

        StoredPending(ca, caRequestId);

        PowerShellHost.Result result = _host.Invoke(new Dictionary<string, object?> { ["Retrieve"] = null, ["RequestId"] = 1 });

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal(errorId + Suffix, error.FullyQualifiedErrorId);
        Assert.StartsWith("Request 1 ", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("\"" + ca + "\"", error.Exception.Message);
        Assert.Contains(remedy, error.Exception.Message);
        Assert.DoesNotContain("-CA", error.Exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Stores request 1 offline, then gives its record the state of a request sent to <paramref name="ca"/>.</summary>
    private void StoredPending(string ca, string? caRequestId)
    {
        _host.Invoke(new Dictionary<string, object?> { ["New"] = null, ["Type"] = new[] { CertType.Default }, ["Output"] = _temp.File("r.csr"), ["TopologyPath"] = new[] { _topology } });
        string path = Path.Combine(_temp.File("home"), "requests", "000001.json");
        JsonNode record = JsonNode.Parse(File.ReadAllText(path))!;
        record["status"] = caRequestId == null ? "Submitting" : "Pending";
        record["ca"] = ca;
        record["caRequestId"] = caRequestId;
        record.AsObject().Remove("outputPath");
        File.WriteAllText(path, record.ToJsonString());
    }
}
