// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CsCertificate.Engine;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Store;
using CsCertificate.Tests.Engine;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Commands;

/// <summary>
/// Update-CsCertificate as PowerShell runs it, with offline requests (no CA needed) and the engine's clock, so a
/// certificate comes due without waiting: silent when nothing is due, the output and errors when something is.
/// </summary>
[Collection(nameof(RequestCsCertificateCommandTests))]
public sealed class UpdateCsCertificateCommandTests : IDisposable
{
    private const string Suffix = ",CsCertificate.Commands.UpdateCsCertificateCommand";

    private readonly TempFolder _temp = new TempFolder();
    private readonly TestEnvironment _environment;
    private readonly FakeInstaller _installer = new FakeInstaller();
    private readonly TestIssuer _issuer = new TestIssuer();
    private readonly PowerShellHost _host;
    private readonly string _topology;

    public UpdateCsCertificateCommandTests()
    {
        _environment = new TestEnvironment(_temp.File("home"));
        _host = new PowerShellHost(_environment, _installer);
        _topology = _temp.File("topology.tbxml");
        WriteTopology(withMeet: true);
        Directory.CreateDirectory(_temp.File("requests"));
    }

    public void Dispose()
    {
        _host.Dispose();
        _issuer.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void NothingDueMeansNoOutputNoErrorAndNothingWrittenNotEvenTheReport()
    {
        Issued("pool.csr");
        Dictionary<string, string> before = Files();

        PowerShellHost.Result result = Update(new Dictionary<string, object?> { ["Report"] = _temp.File("renewal.html"), ["Verbose"] = null });

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(before, Files());
        Assert.Contains(result.Verbose, v => v.Message.Contains("is not due for renewal until"));
    }

    [Fact]
    public void ADueCertificateIsRenewedAndTheNewReferenceNamesTheOldThumbprint()
    {
        RequestRecord issued = Issued("pool.csr");
        _environment.UtcNow = _environment.UtcNow.AddDays(61);

        PowerShellHost.Result result = Update(new Dictionary<string, object?> { ["Report"] = _temp.File("renewal.html") });

        Assert.Empty(result.Errors);
        var reference = (CertificateReference)Assert.Single(result.Output).BaseObject;
        Assert.Equal(RequestStatus.Offline, reference.RequestStatus);
        Assert.Equal(issued.Thumbprint, reference.PreviousThumbprint);
        Assert.Equal(_temp.File("requests/pool." + reference.RequestId + ".csr"), reference.Path);
        Assert.True(File.Exists(reference.Path));
        Assert.True(File.Exists(_temp.File("renewal.html")));
        Assert.Contains("renewed by request " + reference.RequestId, File.ReadAllText(_temp.File("renewal.xml")));

        var listed = List().ToDictionary(r => r.RequestId);
        Assert.Equal(reference.RequestId, listed[issued.RequestId].RenewedBy);
        Assert.Null(listed[issued.RequestId].RenewalDue);
        Assert.Equal(issued.RequestId, listed[reference.RequestId].Renews);

        // The next run finds the renewal waiting for its certificate: nothing to do, nothing said.
        PowerShellHost.Result again = Update(new Dictionary<string, object?>());
        Assert.Empty(again.Output);
        Assert.Empty(again.Errors);
    }

    [Fact]
    public void ListShowsWhenEachCertificateExpiresAndIsDue()
    {
        RequestRecord issued = Issued("pool.csr");
        _host.Invoke(new Dictionary<string, object?> { ["New"] = null, ["Type"] = new[] { CertType.Default }, ["Output"] = _temp.File("requests/waiting.csr"), ["TopologyPath"] = new[] { _topology } });

        CsCertificateRequest[] listed = List();

        Assert.Equal(_environment.UtcNow.AddDays(90), listed[0].NotAfter);
        Assert.Equal(_environment.UtcNow.AddDays(60), listed[0].RenewalDue);
        Assert.Null(listed[0].Renews);
        Assert.Null(listed[1].NotAfter);
        Assert.Null(listed[1].RenewalDue);
        Assert.Equal(issued.RequestId, listed[0].RequestId);
    }

    [Fact]
    public void ARenewalThatWouldDropANameIsRefusedWithItsOwnErrorUntilNameRemovalIsAllowed()
    {
        RequestRecord issued = Issued("pool.csr");
        WriteTopology(withMeet: false);
        Dictionary<string, string> before = Files();

        PowerShellHost.Result refused = Update(new Dictionary<string, object?> { ["Force"] = null });

        Assert.Empty(refused.Output);
        ErrorRecord error = Assert.Single(refused.Errors);
        Assert.Equal("RenewalNamesRemoved" + Suffix, error.FullyQualifiedErrorId);
        Assert.Contains("meet.contoso.com", error.Exception.Message);
        Assert.Contains("-AllowNameRemoval", error.Exception.Message);
        Assert.Equal(before.Keys, Files().Keys);

        PowerShellHost.Result allowed = Update(new Dictionary<string, object?> { ["Force"] = null, ["AllowNameRemoval"] = null });

        Assert.Empty(allowed.Errors);
        var reference = (CertificateReference)Assert.Single(allowed.Output).BaseObject;
        Assert.DoesNotContain("meet.contoso.com", reference.AlternativeNames);
        Assert.Contains(allowed.Warnings, w => w.Message.Contains("meet.contoso.com") && w.Message.Contains("-AllowNameRemoval"));
        Assert.Equal(issued.Thumbprint, reference.PreviousThumbprint);
    }

    [Fact]
    public void WhatIfWritesNothing()
    {
        Issued("pool.csr");
        _environment.UtcNow = _environment.UtcNow.AddDays(61);
        Dictionary<string, string> before = Files();

        PowerShellHost.Result result = Update(new Dictionary<string, object?> { ["WhatIf"] = null, ["Report"] = _temp.File("renewal.html") });

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Equal(before, Files());
    }

    [Fact]
    public void EmptyPipedInputRenewsNothingWhileTheListPipedRenewsWhatItHolds()
    {
        Issued("pool.csr");
        RequestRecord last = Issued("edge.csr");
        Dictionary<string, string> before = Files();

        PowerShellHost.Result none = _host.InvokeScript("@() | Update-CsCertificate -Force");
        Assert.Empty(none.Output);
        Assert.Empty(none.Errors);
        Assert.Equal(before, Files());

        PowerShellHost.Result one = _host.InvokeScript("Request-CsCertificate -List | Select-Object -Last 1 | Update-CsCertificate -Force");
        Assert.Empty(one.Errors);
        var reference = (CertificateReference)Assert.Single(one.Output).BaseObject;
        Assert.Equal(last.Thumbprint, reference.PreviousThumbprint);
        Assert.Equal(last.RequestId, Reload(reference.RequestId).Renews);
    }

    [Fact]
    public void ARequestThatIsNotIssuedIsRefusedWhenAskedForAndTheOthersGoOn()
    {
        RequestRecord issued = Issued("pool.csr");
        _host.Invoke(new Dictionary<string, object?> { ["New"] = null, ["Type"] = new[] { CertType.Default }, ["Output"] = _temp.File("requests/waiting.csr"), ["TopologyPath"] = new[] { _topology } });

        PowerShellHost.Result result = Update(new Dictionary<string, object?> { ["RequestId"] = new[] { 2, issued.RequestId }, ["Force"] = null });

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("RequestNotRenewable" + Suffix, error.FullyQualifiedErrorId);
        Assert.Contains("Import-CsCertificate", error.Exception.Message);
        Assert.Single(result.Output);
    }

    [Fact]
    public void TopologyPathGivesTheNamesOfARenewal()
    {
        Issued("pool.csr");
        string other = _temp.Write("other.tbxml", Topology(withMeet: true, extra: "https://dialin.contoso.com"));

        PowerShellHost.Result result = Update(new Dictionary<string, object?> { ["Force"] = null, ["TopologyPath"] = new[] { other } });

        var reference = (CertificateReference)Assert.Single(result.Output).BaseObject;
        Assert.Contains("dialin.contoso.com", reference.AlternativeNames);
        Assert.Contains(result.Warnings, w => w.Message.Contains("adds names") && w.Message.Contains("dialin.contoso.com"));
        Assert.Equal(new[] { other }, Reload(reference.RequestId).TopologyPaths);
    }

    private static string Topology(bool withMeet, string? extra = null)
    {
        var builder = new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }, webExternal: "web.contoso.com");
        if (withMeet)
        {
            builder.SimpleUrl("Meet", "contoso.com", "https://meet.contoso.com");
        }

        if (extra != null)
        {
            builder.SimpleUrl("Dialin", "*", extra);
        }

        return builder.TopologyBuilderFile().ToString();
    }

    private void WriteTopology(bool withMeet) => File.WriteAllText(_topology, Topology(withMeet));

    private PowerShellHost.Result Update(Dictionary<string, object?> parameters) => _host.Invoke("Update-CsCertificate", parameters);

    private CsCertificateRequest[] List() =>
        _host.Invoke(new Dictionary<string, object?> { ["List"] = null }).Output.Select(o => (CsCertificateRequest)o.BaseObject).ToArray();

    private RequestRecord Reload(int requestId) => new RequestStore(_temp.File("home")).Find(requestId, new List<StoreProblem>())!;

    /// <summary>Every file under the test folder with its content, for "nothing was written".</summary>
    private Dictionary<string, string> Files() =>
        Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

    /// <summary>An offline request for the pool's three uses, signed now for 90 days and imported.</summary>
    private RequestRecord Issued(string fileName)
    {
        PowerShellHost.Result made = _host.Invoke(new Dictionary<string, object?>
        {
            ["New"] = null,
            ["Type"] = new[] { CertType.Default, CertType.WebServicesInternal, CertType.WebServicesExternal },
            ["ComputerFqdn"] = "fe1.contoso.com",
            ["KeyAlg"] = KeyAlgorithmIdentifier.ECDH_P256,
            ["Output"] = _temp.File("requests/" + fileName),
            ["TopologyPath"] = new[] { _topology },
        });
        int id = ((CertificateReference)made.Output.Single().BaseObject).RequestId;
        var store = new RequestStore(_temp.File("home"));
        var completion = new RequestCompletion(store, _installer, _environment);
        RequestRecord record = Reload(id);
        completion.Complete(record, new[] { _issuer.Issue(record.Csr, _environment.UtcNow, TimeSpan.FromDays(90)) }, new OperationLog("Import-CsCertificate", () => _environment.UtcNow));
        return Reload(id);
    }
}
