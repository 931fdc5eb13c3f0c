// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Store;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Engine;

/// <summary>
/// Update-CsCertificate's engine: which requests are due and when (the engine's clock, so nothing waits), what a
/// renewal replays, its names from the topology as it is now, and a renewal killed mid-way then completed without
/// another order. Each "run" uses fresh engine objects over the same data folder, as a new process would.
/// </summary>
public sealed class CertificateRenewerTests : IDisposable
{
    private const string Acme = "https://ca.litwareinc.com/directory";

    private readonly TempFolder _temp = new TempFolder();
    private readonly TestEnvironment _environment;
    private readonly FakeInstaller _installer = new FakeInstaller();
    private readonly TestIssuer _issuer = new TestIssuer();
    private readonly TestClientFactory _clients;
    private readonly ScriptedCa _ca;
    private readonly List<string> _warnings = new List<string>();
    private readonly string _topology;

    public CertificateRenewerTests()
    {
        _environment = new TestEnvironment(_temp.File("home"));
        _clients = new TestClientFactory(_environment, _temp.File("home"));
        _ca = new ScriptedCa(Acme, _issuer, () => _environment.UtcNow);
        _clients.Clients[Acme] = (_, _) => _ca;
        _topology = _temp.File("topology.tbxml");
        WriteTopology("Meet");
    }

    private RequestStore Store => new RequestStore(_temp.File("home"));

    public void Dispose()
    {
        _issuer.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData(90 * 24 * 60, 60 * 24 * 60)] // 90 days: due after 60
    [InlineData(11 * 24 * 60, 11 * 24 * 60 * 2 / 3)] // more than ten days: two thirds
    [InlineData(10 * 24 * 60, 5 * 24 * 60)] // ten days or less: half
    [InlineData(1, 0.5)] // a one-minute certificate: half a minute
    public void ACertificateIsDueTwoThirdsIntoItsLifetimeOrHalfWhenItIsShort(double lifetimeMinutes, double dueMinutes)
    {
        var notBefore = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        DateTime due = RenewalSchedule.ByLifetime(notBefore, notBefore.AddMinutes(lifetimeMinutes));

        Assert.Equal(notBefore.AddMinutes(dueMinutes), due);
    }

    [Fact]
    public void AnIssuedRequestIsLeftAloneUntilItIsDue()
    {
        RequestRecord issued = IssuedByAcme();
        CertificateRenewer renewer = Renewer();
        RenewalCandidate candidate = Assert.Single(renewer.Candidates(null, new List<StoreProblem>()));

        DateTime due = renewer.Due(candidate.Request!, Log(), CancellationToken.None);

        Assert.Equal(issued.RequestId, candidate.Request!.RequestId);
        Assert.Null(candidate.Renewal);
        Assert.Equal(_environment.UtcNow.AddDays(60), due);
        Assert.True(due > _environment.UtcNow);
    }

    [Fact]
    public void ARenewalHasANewKeyTheNamesOfTheTopologyNowAndThePreviousThumbprint()
    {
        RequestRecord issued = IssuedByAcme();
        WriteTopology("Meet", "Dialin");
        _environment.UtcNow = _environment.UtcNow.AddDays(61);

        RenewalPlan plan = Renewer().Plan(Reload(issued), Array.Empty<string>(), Array.Empty<NamedPath>(), Log());
        CertificateReference reference = Renewer().Renew(plan, Log(), CancellationToken.None);

        Assert.Equal(new[] { "dialin.contoso.com" }, plan.Added);
        Assert.Empty(plan.Removed);
        Assert.Contains(_warnings, w => w.Contains("adds names") && w.Contains("dialin.contoso.com"));
        Assert.Equal(RequestStatus.Issued, reference.RequestStatus);
        Assert.Equal(issued.Thumbprint, reference.PreviousThumbprint);
        Assert.Contains("dialin.contoso.com", reference.AlternativeNames);
        RequestRecord renewal = Reload(reference.RequestId);
        Assert.Equal(issued.RequestId, renewal.Renews);
        Assert.NotEqual(issued.PublicKeySha256, renewal.PublicKeySha256);
        Assert.Equal(reference.RequestId, Reload(issued).RenewedBy);
        Assert.Equal(new[] { issued.Thumbprint, reference.Thumbprint }, _installer.Installed.Select(i => i.Certificate.Thumbprint));
        Assert.Equal(RequestStatus.Issued, Reload(issued).Status);
        Assert.DoesNotContain(Renewer().Candidates(null, new List<StoreProblem>()), c => c.Request!.RequestId == issued.RequestId);
    }

    [Fact]
    public void ARenewalReplaysEverythingTheRequestStoredAndGeneratesTheFriendlyNameAgain()
    {
        RequestRecord issued = IssuedByAcme(o =>
        {
            o.Organization = "Litware, Inc.";
            o.OrganizationalUnit = "IT";
            o.City = "Atlanta";
            o.State = "GA";
            o.Country = "US";
            o.DomainName = "sip.contoso.com";
            o.KeyAlgorithm = KeyAlgorithmIdentifier.ECDH_P384;
            o.ClientEku = true;
            o.PrivateKeyExportable = true;
            o.Template = "LyncWebServer";
        });
        DateTime firstRun = _environment.UtcNow;
        _environment.UtcNow = firstRun.AddDays(61);

        CertificateReference reference = Renew(issued);

        RequestRecord renewal = Reload(reference.RequestId);
        foreach (Func<RequestRecord, object?> member in new Func<RequestRecord, object?>[]
        {
            r => r.Organization, r => r.OrganizationalUnit, r => r.City, r => r.State, r => r.Country, r => r.DomainName,
            r => r.KeyAlgorithm, r => r.KeySize, r => r.ClientEku, r => r.PrivateKeyExportable, r => r.Template, r => r.CA,
            r => r.ComputerFqdn, r => string.Join(",", r.CertificateUses), r => string.Join(",", r.TopologyPaths!), r => r.AllSipDomain,
        })
        {
            Assert.Equal(member(issued), member(renewal));
        }

        Assert.Equal(new[] { _topology }, renewal.TopologyPaths);
        Assert.Contains("sip.contoso.com", renewal.AlternativeNames);
        Assert.Equal(issued.Subject, renewal.Subject);
        Assert.Contains("O=\"Litware, Inc.\"", renewal.Subject);
        Assert.Contains("C=US", renewal.Subject);
        Assert.Null(renewal.GivenFriendlyName);
        Assert.Contains(firstRun.AddDays(61).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), renewal.FriendlyName);
        Assert.DoesNotContain(firstRun.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), renewal.FriendlyName);
    }

    [Fact]
    public void ARequestAnsweredByDns01IsRenewedByDns01TheSameWay()
    {
        string script = _temp.File("Set-AcmeTxtRecord.ps1");
        File.WriteAllText(script, "param($Action, $Name, $Value)");
        RequestRecord issued = IssuedByAcme(o =>
        {
            o.AcmeChallenge = AcmeChallengeType.Dns01;
            o.DnsScript = script;
        });
        _environment.UtcNow = _environment.UtcNow.AddDays(61);

        RequestRecord renewal = Reload(Renew(issued).RequestId);

        Assert.Equal("dns-01", issued.AcmeChallenge);
        Assert.Equal(issued.AcmeChallenge, renewal.AcmeChallenge);
        Assert.Equal(script, renewal.DnsScript);
        Assert.Null(renewal.DnsServer);
        Assert.Null(renewal.DnsKeyPath);
    }

    [Fact]
    public void AGivenFriendlyNameIsKept()
    {
        RequestRecord issued = IssuedByAcme(o => o.FriendlyName = "Front End pool");
        _environment.UtcNow = _environment.UtcNow.AddDays(61);

        RequestRecord renewal = Reload(Renew(issued).RequestId);

        Assert.Equal("Front End pool", renewal.FriendlyName);
        Assert.Equal("Front End pool", renewal.GivenFriendlyName);
    }

    [Fact]
    public void NamesTheCurrentCertificateHasAndTheTopologyNoLongerGivesAreRemovedNames()
    {
        RequestRecord issued = IssuedByAcme();
        WriteTopology();

        RenewalPlan plan = Renewer().Plan(Reload(issued), Array.Empty<string>(), Array.Empty<NamedPath>(), Log());

        Assert.Equal(new[] { "meet.contoso.com" }, plan.Removed);
        Assert.Empty(plan.Added);
    }

    [Fact]
    public void TopologyPathReplacesTheFilesTheRequestWasMadeFrom()
    {
        RequestRecord issued = IssuedByAcme();
        string other = _temp.Write("other.tbxml", Topology("Meet", "Dialin", "Cscp"));

        RenewalPlan plan = Renewer().Plan(Reload(issued), new[] { other }, Array.Empty<NamedPath>(), Log());

        Assert.Equal(new[] { "dialin.contoso.com", "admin.contoso.com" }, plan.Added.OrderByDescending(n => n));
        Assert.Equal(new[] { other }, plan.Plan.TopologyFiles);
    }

    [Fact]
    public void AnAdCsAccountIsNotReplayedWithoutItsPasswordAndNothingIsStored()
    {
        const string Adcs = @"ca01.contoso.com\Contoso Issuing CA";
        _clients.Clients[Adcs] = (_, _) => _ca;
        RequestRecord issued = IssuedByAcme();
        issued.CA = Adcs;
        issued.CaAccount = @"CONTOSO\svc-cert";
        Store.Update(issued);
        string[] before = Directory.GetFiles(_temp.File("home"), "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray();

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Renewer().Plan(Reload(issued), Array.Empty<string>(), Array.Empty<NamedPath>(), Log()));

        Assert.Equal(ErrorIds.RenewalNeedsCredentials, ex.ErrorId);
        Assert.Contains("Request-CsCertificate -New", ex.Message);
        Assert.Contains(@"CONTOSO\svc-cert", ex.Message);
        Assert.Equal(before, Directory.GetFiles(_temp.File("home"), "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray());
    }

    [Fact]
    public void AnAcmeBindingKeyIdNeedsNoPasswordOnceTheAccountIsRegistered()
    {
        Assert.True(_clients.NeedsPassword(Acme, "kid-1"));
        new CsCertificate.CaClient.Acme.AcmeAccountStore(_temp.File("home"), new Uri(Acme)).SaveAccountUrl("https://ca.litwareinc.com/account/1");

        Assert.False(_clients.NeedsPassword(Acme, "kid-1"));
        Assert.True(_clients.NeedsPassword(@"ca01.contoso.com\Contoso Issuing CA", @"CONTOSO\svc-cert"));
        Assert.False(_clients.NeedsPassword(@"ca01.contoso.com\Contoso Issuing CA", null));
    }

    [Fact]
    public void ARenewalKilledWhileTheCaWorksIsCompletedByTheNextRunWithTheSameOrder()
    {
        RequestRecord issued = KilledRenewal();

        // As the kill left it: the old request and certificate as they were, the renewal stored with the CA's order.
        Assert.Equal(RequestStatus.Issued, Reload(issued).Status);
        Assert.Equal(issued.Thumbprint, Reload(issued).Thumbprint);
        RenewalCandidate candidate = Assert.Single(Renewer().Candidates(null, new List<StoreProblem>()));
        RequestRecord renewal = candidate.Renewal!;
        Assert.Equal(RequestStatus.Submitting, renewal.Status);
        Assert.Equal(_ca.Orders[1], renewal.CaRequestId);

        CertificateReference reference = Renewer().Resume(candidate.Request!, renewal, Log(), CancellationToken.None);

        Assert.Equal(RequestStatus.Issued, reference.RequestStatus);
        Assert.Equal(issued.Thumbprint, reference.PreviousThumbprint);
        Assert.Equal(2, _ca.Orders.Count); // the original request's and the renewal's: none for the resumed renewal
        Assert.Equal(new[] { _ca.Orders[1] }, _ca.Polls);
        Assert.Equal(renewal.RequestId, Reload(issued).RenewedBy);
        Assert.DoesNotContain(Renewer().Candidates(null, new List<StoreProblem>()), c => c.Request!.RequestId == issued.RequestId);
    }

    [Fact]
    public void ARenewalStoredButNotYetMarkedOnTheRenewedRequestIsFoundAndMarked()
    {
        RequestRecord issued = KilledRenewal();

        // Killed between storing the renewal and marking the renewed request.
        RequestRecord unmarked = Reload(issued);
        unmarked.RenewedBy = 0;
        Store.Update(unmarked);

        RenewalCandidate candidate = Assert.Single(Renewer().Candidates(null, new List<StoreProblem>()));
        Assert.NotNull(candidate.Renewal);
        Renewer().Resume(candidate.Request!, candidate.Renewal!, Log(), CancellationToken.None);

        Assert.Equal(candidate.Renewal!.RequestId, Reload(issued).RenewedBy);
        Assert.Equal(2, _ca.Orders.Count);
    }

    [Fact]
    public void APendingRenewalStaysPendingAndTheNextRunPollsIt()
    {
        (RequestRecord issued, CertificateReference pending) = PendingRenewal();
        _ca.Next = "Issued";
        RenewalCandidate candidate = Assert.Single(Renewer().Candidates(null, new List<StoreProblem>()));
        CertificateReference reference = Renewer().Resume(candidate.Request!, candidate.Renewal!, Log(), CancellationToken.None);

        Assert.Equal(RequestStatus.Pending, pending.RequestStatus);
        Assert.Equal(issued.Thumbprint, pending.PreviousThumbprint);
        Assert.Equal(RequestStatus.Issued, reference.RequestStatus);
        Assert.Equal(2, _ca.Orders.Count);
    }

    [Fact]
    public void ARefusedRenewalIsReportedAndNotRequestedAgainUntilItIsCleared()
    {
        (RequestRecord issued, CertificateReference pending) = PendingRenewal();
        RequestRecord denied = Reload(pending.RequestId);
        denied.Status = RequestStatus.Denied;
        denied.StatusMessage = "CAA forbids this CA.";
        Store.Update(denied);

        RenewalCandidate candidate = Assert.Single(Renewer().Candidates(null, new List<StoreProblem>()));
        CsCertificateException? failure = CertificateRenewer.Failure(candidate.Request!, candidate.Renewal!);

        Assert.Equal(ErrorIds.RenewalFailed, failure!.ErrorId);
        Assert.Contains("CAA forbids this CA.", failure.Message);
        Assert.Contains("-Clear -RequestId " + pending.RequestId, failure.Message);

        Engine().Remove(pending.RequestId, Log());
        Assert.Equal(0, Reload(issued).RenewedBy);
        Assert.Null(Assert.Single(Renewer().Candidates(null, new List<StoreProblem>())).Renewal);
    }

    [Fact]
    public void TheCaWindowDecidesWhenItOffersOneAndTheOrderSaysWhatItReplaces()
    {
        RequestRecord issued = IssuedByAcme();
        Assert.NotNull(issued.CertificateId);
        DateTime now = _environment.UtcNow;
        _ca.Window = new RenewalWindow(now.AddDays(-2), now.AddDays(-1), "https://ca.litwareinc.com/incident");

        DateTime due = Renewer().Due(Reload(issued), Log(), CancellationToken.None);
        CertificateReference reference = Renew(issued);

        Assert.InRange(due, now.AddDays(-2), now.AddDays(-1));
        Assert.Equal(issued.CertificateId, _ca.Replaces[1]);
        Assert.Null(_ca.Replaces[0]);
        Assert.Equal(issued.CertificateId, Reload(reference.RequestId).Replaces);
    }

    [Fact]
    public void GivenIdsThatAreNotIssuedOrAlreadyRenewedAreRefusedWithTheirReason()
    {
        RequestRecord issued = IssuedByAcme();
        _environment.UtcNow = _environment.UtcNow.AddDays(61);
        CertificateReference renewal = Renew(issued);
        _ca.Next = "Pending";
        RequestRecord pending = IssuedByAcme();

        IReadOnlyList<RenewalCandidate> candidates = Renewer().Candidates(new[] { issued.RequestId, pending.RequestId, 99, renewal.RequestId }, new List<StoreProblem>());

        Assert.Equal(4, candidates.Count);
        Assert.Equal(ErrorIds.RequestNotRenewable, candidates[0].Refusal!.ErrorId);
        Assert.Contains("renew request " + renewal.RequestId, candidates[0].Refusal!.Message);
        Assert.Equal(renewal.RequestId, candidates[1].Request!.RequestId);
        Assert.Equal(ErrorIds.RequestNotRenewable, candidates[2].Refusal!.ErrorId);
        Assert.Contains("Pending", candidates[2].Refusal!.Message);
        Assert.Equal(ErrorIds.RequestNotFound, candidates[3].Refusal!.ErrorId);
    }

    [Fact]
    public void AnOfflineRenewalWritesItsRequestNextToTheOriginalWithItsIdAndWaitsForImport()
    {
        RequestRecord issued = IssuedOffline("atl-cs-001.csr");
        _environment.UtcNow = _environment.UtcNow.AddDays(61);

        RenewalPlan plan = Renewer().Plan(Reload(issued), Array.Empty<string>(), Array.Empty<NamedPath>(), Log());
        CertificateReference reference = Renewer().Renew(plan, Log(), CancellationToken.None);

        string expected = _temp.File("requests/atl-cs-001." + reference.RequestId + ".csr");
        Assert.Equal(expected, plan.Plan.Options.OutputPath);
        Assert.Equal(RequestStatus.Offline, reference.RequestStatus);
        Assert.Equal(expected, reference.Path);
        Assert.Equal(issued.Thumbprint, reference.PreviousThumbprint);
        RequestRecord renewal = Reload(reference.RequestId);
        Assert.Equal(renewal.Csr, File.ReadAllText(expected));
        Assert.Equal(reference.RequestId, Reload(issued).RenewedBy);
        RenewalCandidate candidate = Assert.Single(Renewer().Candidates(null, new List<StoreProblem>()));
        Assert.True(CertificateRenewer.WaitsForImport(candidate.Renewal!));

        // The CA's answer completes it, as any offline request.
        CertificateReference imported = Engine().Completion.Complete(renewal, new[] { _issuer.Issue(renewal.Csr, _environment.UtcNow, TimeSpan.FromDays(90)) }, Log());
        Assert.Equal(RequestStatus.Issued, imported.RequestStatus);
        Assert.Equal(issued.Thumbprint, imported.PreviousThumbprint);

        // Renewing the renewal names its file after the new id, not after both.
        _environment.UtcNow = _environment.UtcNow.AddDays(61);
        CertificateReference second = Renew(Reload(reference.RequestId));
        Assert.Equal(_temp.File("requests/atl-cs-001." + second.RequestId + ".csr"), second.Path);
    }

    [Fact]
    public void AnOfflineRenewalKilledBeforeItsFileWasWrittenGetsItFromTheNextRun()
    {
        RequestRecord issued = IssuedOffline("edge.csr");
        _environment.UtcNow = _environment.UtcNow.AddDays(61);
        CertificateReference reference = Renew(issued);
        File.Delete(reference.Path!);

        RenewalCandidate candidate = Assert.Single(Renewer().Candidates(null, new List<StoreProblem>()));
        Assert.False(CertificateRenewer.WaitsForImport(candidate.Renewal!));
        CertificateReference resumed = Renewer().Resume(candidate.Request!, candidate.Renewal!, Log(), CancellationToken.None);

        Assert.Equal(reference.RequestId, resumed.RequestId);
        Assert.Equal(Reload(reference.RequestId).Csr, File.ReadAllText(reference.Path!));
    }

    [Fact]
    public void AnOfflineRenewalThatCannotWriteItsFileKeepsNothing()
    {
        RequestRecord issued = IssuedOffline("pool.csr");
        _environment.UtcNow = _environment.UtcNow.AddDays(61);
        RenewalPlan plan = Renewer().Plan(Reload(issued), Array.Empty<string>(), Array.Empty<NamedPath>(), Log());
        Directory.CreateDirectory(plan.Plan.Options.OutputPath!); // something is in the way

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Renewer().Renew(plan, Log(), CancellationToken.None));

        Assert.Equal(ErrorIds.OutputNotRegularFile, ex.ErrorId);
        Assert.Single(Store.List().Records);
        Assert.Equal(0, Reload(issued).RenewedBy);
        Assert.Empty(Directory.GetFiles(Store.KeysFolder));
    }

    private static string Topology(params string[] simpleUrls)
    {
        var builder = new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }, webExternal: "web.contoso.com");
        var hosts = new Dictionary<string, string> { ["Meet"] = "meet", ["Dialin"] = "dialin", ["Cscp"] = "admin" };
        foreach (string component in simpleUrls)
        {
            builder.SimpleUrl(component, component == "Meet" ? "contoso.com" : "*", "https://" + hosts[component] + ".contoso.com");
        }

        return builder.TopologyBuilderFile().ToString();
    }

    private void WriteTopology(params string[] simpleUrls) => File.WriteAllText(_topology, Topology(simpleUrls));

    private OperationLog Log()
    {
        var log = new OperationLog("Update-CsCertificate", () => _environment.UtcNow);
        log.WarningWritten += _warnings.Add;
        return log;
    }

    private CertificateRequestEngine Engine() => new CertificateRequestEngine(_environment, Store, null, _clients, _installer, _temp.Path);

    private CertificateRenewer Renewer() => new CertificateRenewer(Engine(), _clients, _environment);

    private RequestRecord Reload(RequestRecord record) => Reload(record.RequestId);

    private RequestRecord Reload(int requestId) => Store.Find(requestId, new List<StoreProblem>())!;

    private CertificateReference Renew(RequestRecord issued) =>
        Renewer().Renew(Renewer().Plan(Reload(issued), Array.Empty<string>(), Array.Empty<NamedPath>(), Log()), Log(), CancellationToken.None);

    private NewRequestOptions Options(Action<NewRequestOptions>? change)
    {
        var options = new NewRequestOptions
        {
            Types = new[] { CertType.Default, CertType.WebServicesInternal, CertType.WebServicesExternal },
            ComputerFqdn = "fe1.contoso.com",
            TopologyPaths = new[] { _topology },
            KeyAlgorithm = KeyAlgorithmIdentifier.ECDH_P256, // quick to generate
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>A request made with the ACME-like CA now, as -New -CA makes it.</summary>
    private RequestRecord IssuedByAcme(Action<NewRequestOptions>? change = null)
    {
        NewRequestOptions options = Options(change);
        options.CA = Acme;
        CertificateReference reference = Engine().CreateOnline(Engine().PlanNew(options, Log(), null), Log(), CancellationToken.None);
        return Reload(reference.RequestId);
    }

    /// <summary>A request issued now, and its renewal two months later, killed while the CA works on its order.</summary>
    private RequestRecord KilledRenewal()
    {
        RequestRecord issued = IssuedByAcme();
        _environment.UtcNow = _environment.UtcNow.AddDays(61);
        _ca.Next = "Killed";
        RenewalPlan plan = Renewer().Plan(Reload(issued), Array.Empty<string>(), Array.Empty<NamedPath>(), Log());
        Assert.Throws<ScriptedCa.KilledException>(() => Renewer().Renew(plan, Log(), CancellationToken.None));
        return issued;
    }

    /// <summary>A request issued now, and its renewal two months later, which the CA keeps pending.</summary>
    private (RequestRecord Issued, CertificateReference Pending) PendingRenewal()
    {
        RequestRecord issued = IssuedByAcme();
        _environment.UtcNow = _environment.UtcNow.AddDays(61);
        _ca.Next = "Pending";
        return (issued, Renew(issued));
    }

    /// <summary>An offline request in requests/, signed now for 90 days and imported.</summary>
    private RequestRecord IssuedOffline(string fileName)
    {
        Directory.CreateDirectory(_temp.File("requests"));
        NewRequestOptions options = Options(o => o.OutputPath = _temp.File("requests/" + fileName));
        CertificateReference reference = Engine().CreateOffline(Engine().PlanNew(options, Log(), null), Log());
        RequestRecord record = Reload(reference.RequestId);
        Engine().Completion.Complete(record, new[] { _issuer.Issue(record.Csr, _environment.UtcNow, TimeSpan.FromDays(90)) }, Log());
        return Reload(reference.RequestId);
    }
}
