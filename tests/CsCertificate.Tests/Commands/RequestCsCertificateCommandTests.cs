// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CsCertificate.Model;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Commands;

[Collection(nameof(RequestCsCertificateCommandTests))]
public sealed class RequestCsCertificateCommandTests : IDisposable
{
    private const string Suffix = ",CsCertificate.Commands.RequestCsCertificateCommand";

    private readonly TempFolder _temp = new TempFolder();
    private readonly TestEnvironment _environment;
    private readonly PowerShellHost _host;
    private readonly string _topology;

    public RequestCsCertificateCommandTests()
    {
        _environment = new TestEnvironment(_temp.File("home"), localComputerFqdn: "fe2.contoso.com");
        _host = new PowerShellHost(_environment);
        _topology = _temp.Write(
            "topology.tbxml",
            new TopologyDocumentBuilder("contoso.com", "fabrikam.com")
                .FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com", "fe2.contoso.com" }, webExternal: "web.contoso.com")
                .Edge("edgepool.contoso.com", new[] { "edge1.contoso.com", "edge2.contoso.com" }, "sip.contoso.com", "webconf.contoso.com", "av.contoso.com")
                .SimpleUrl("Meet", "contoso.com", "https://meet.contoso.com")
                .SimpleUrl("Dialin", "*", "https://dialin.contoso.com")
                .TopologyBuilderFile().ToString());
    }

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void WritesAnOfflineRequestForTheLocalComputerAndReturnsItsReference()
    {
        string output = _temp.File("request.csr");

        PowerShellHost.Result result = _host.Invoke(New(("Type", new[] { CertType.Default, CertType.WebServicesExternal }), ("Output", output)));

        Assert.Empty(result.Errors);
        var reference = (CertificateReference)Assert.Single(result.Output).BaseObject;
        Assert.Equal("CN=pool.contoso.com", reference.Subject);
        Assert.Equal(new[] { "pool.contoso.com", "fe2.contoso.com", "web.contoso.com", "meet.contoso.com", "dialin.contoso.com", "Lyncdiscover.contoso.com" }, reference.AlternativeNames);
        Assert.Equal("Default,WebServicesExternal", reference.Use);
        Assert.Equal(RequestStatus.Offline, reference.RequestStatus);
        Assert.Equal(1, reference.RequestId);
        Assert.Equal(output, reference.Path);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void ListsWhatWasRequested()
    {
        _host.Invoke(New(("Type", new[] { CertType.Default }), ("Output", _temp.File("a.csr")), ("FriendlyName", "first")));

        PowerShellHost.Result result = _host.Invoke(new Dictionary<string, object?> { ["List"] = null });

        var request = (CsCertificateRequest)Assert.Single(result.Output).BaseObject;
        Assert.Equal("first", request.FriendlyName);
        Assert.Equal(new[] { CertType.Default }, request.CertificateUses);
        Assert.Equal(RequestStatus.Offline, request.Status);
        Assert.Equal(_environment.UtcNow, request.RequestTime);
    }

    [Fact]
    public void ShowsProgressWhileTheKeyIsGeneratedUnlessProgressIsSilenced()
    {
        PowerShellHost.Result shown = _host.Invoke(New(("Type", new[] { CertType.Default }), ("Output", _temp.File("progress.csr")), ("KeySize", 4096)));
        PowerShellHost.Result silent = _host.Invoke(New(("Type", new[] { CertType.Default }), ("Output", _temp.File("quiet.csr")), ("KeyAlg", KeyAlgorithmIdentifier.ECDH_P256)), progressPreference: "SilentlyContinue");

        Assert.Empty(shown.Errors);
        Assert.Contains(shown.Progress, p => p.Activity == "Generating the private key" && p.StatusDescription == "RSA 4096" && p.RecordType == ProgressRecordType.Processing);
        Assert.Contains(shown.Progress, p => p.Activity == "Generating the private key" && p.RecordType == ProgressRecordType.Completed);
        Assert.Empty(silent.Progress);
    }

    [Fact]
    public void WhatIfWritesNothing()
    {
        string output = _temp.File("whatif.csr");

        PowerShellHost.Result result = _host.Invoke(New(("Type", new[] { CertType.Default }), ("Output", output), ("WhatIf", null)));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(_temp.File("home")));
    }

    [Theory]
    [InlineData("Internal", "CertTypeNotApplicable", ErrorCategory.InvalidOperation)]
    [InlineData("ProvisionService", "CertTypeNotSupported", ErrorCategory.NotImplemented)]
    [InlineData("Default,OAuthTokenIssuer", "SubjectNameMismatch", ErrorCategory.InvalidArgument)]
    public void RefusesTypesWithTheirErrorIds(string types, string errorId, ErrorCategory category)
    {
        CertType[] typeList = types.Split(',').Select(Enum.Parse<CertType>).ToArray();

        PowerShellHost.Result result = _host.Invoke(New(("Type", typeList), ("Output", _temp.File("x.csr"))));

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal(errorId + Suffix, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.False(File.Exists(_temp.File("x.csr")));
    }

    [Fact]
    public void RefusesAnUnknownComputerNamingTheTopologyAndTheName()
    {
        PowerShellHost.Result result = _host.Invoke(New(("Type", new[] { CertType.Default }), ("Output", _temp.File("x.csr")), ("ComputerFqdn", "fe9.contoso.com")));

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("ComputerNotInTopology" + Suffix, error.FullyQualifiedErrorId);
        Assert.Equal("fe9.contoso.com", error.TargetObject);
        Assert.Contains(_topology, error.Exception.Message);
    }

    [Fact]
    public void KeepsTheOriginalExceptionBehindTheErrorRecord()
    {
        string broken = _temp.Write("broken.xml", "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">");

        PowerShellHost.Result result = _host.Invoke(New(("Type", new[] { CertType.Default }), ("Output", _temp.File("x.csr")), ("TopologyPath", new[] { broken })));

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("TopologyInvalid" + Suffix, error.FullyQualifiedErrorId);
        Assert.IsType<System.Xml.XmlException>(error.Exception.InnerException);
    }

    private Dictionary<string, object?> New(params (string Name, object? Value)[] parameters)
    {
        var result = new Dictionary<string, object?> { ["New"] = null, ["TopologyPath"] = new[] { _topology } };
        foreach ((string name, object? value) in parameters)
        {
            result[name] = value;
        }

        return result;
    }
}
