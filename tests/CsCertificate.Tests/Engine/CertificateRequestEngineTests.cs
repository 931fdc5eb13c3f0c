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
/// The engine's parameter sets end to end, with a fake CA and a certificate store in memory: the plan (names,
/// CA, nothing written), an offline request, each answer of a CA to -New, -Retrieve of each stored state, and
/// -Clear.
/// </summary>
public sealed class CertificateRequestEngineTests : IDisposable
{
    private const string Ca = "https://acme.contoso.com/directory";

    private readonly TempFolder _temp = new TempFolder();
    private readonly TestEnvironment _environment;
    private readonly RequestStore _store;
    private readonly FakeCaClientFactory _clients = new FakeCaClientFactory(new FakeCaClient(Ca));
    private readonly FakeInstaller _installer = new FakeInstaller();
    private readonly TestIssuer _issuer = new TestIssuer();
    private readonly CertificateRequestEngine _engine;
    private readonly OperationLog _log;
    private readonly List<string> _verbose = new List<string>();
    private readonly string _topology;

    public CertificateRequestEngineTests()
    {
        _environment = new TestEnvironment(_temp.File("home"), localComputerFqdn: "fe1.contoso.com");
        _store = new RequestStore(_temp.File("home"));
        _engine = new CertificateRequestEngine(_environment, _store, null, _clients, _installer, _temp.Path);
        _log = new OperationLog("Request-CsCertificate", () => _environment.UtcNow);
        _log.VerboseWritten += _verbose.Add;
        _topology = _temp.Write(
            "topology.tbxml",
            new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }, webExternal: "web.contoso.com").TopologyBuilderFile().ToString());
    }

    private FakeCaClient Client => _clients.Client;

    public void Dispose()
    {
        _issuer.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void ThePlanHasTheNamesAndTheCaClientAndWritesNothing()
    {
        NewRequestOptions options = Online();
        options.CaAccount = "CONTOSO\\pki";

        NewRequestPlan plan = _engine.PlanNew(options, _log, "secret");

        Assert.Same(Client, plan.Client);
        Assert.Equal((Ca, "CONTOSO\\pki", "secret"), _clients.Created.Single());
        Assert.Equal("pool.contoso.com", plan.Csr.SubjectName);
        Assert.Equal(new[] { "pool.contoso.com", "fe1.contoso.com" }, plan.Csr.AlternativeNames.Take(2));
        Assert.Equal("Default", plan.Use);
        Assert.Contains(_verbose, v => v.Contains("fe1.contoso.com"));
        Assert.False(Directory.Exists(_store.RequestsFolder) && Directory.EnumerateFileSystemEntries(_store.RequestsFolder).Any());
    }

    [Fact]
    public void AnOfflinePlanMakesNoCaClient()
    {
        NewRequestPlan plan = _engine.PlanNew(Offline(), _log, null);

        Assert.Null(plan.Client);
        Assert.Empty(_clients.Created);
        Assert.Equal(_temp.File("request.csr"), plan.Output!.Path);
    }

    [Fact]
    public void ACaThatNamesCertificatesAfterTheSanGetsTheSubjectFirstInIt()
    {
        var acme = new FakeCaClientFactory(new FakeCaClient(Ca, requiresSubjectInAlternativeNames: true));
        var engine = new CertificateRequestEngine(_environment, _store, null, acme, _installer, _temp.Path);
        NewRequestOptions options = Online();
        options.DomainName = "sip.contoso.com";

        NewRequestPlan plan = engine.PlanNew(options, _log, null);

        Assert.Equal("pool.contoso.com", plan.Csr.AlternativeNames[0]);
        Assert.Equal("sip.contoso.com", plan.Csr.AlternativeNames[1]);
        Assert.Contains(_verbose, v => v.Contains(Ca));
    }

    [Fact]
    public void AnOfflineRequestWritesTheRequestFileAndStoresTheRequestWithItsKey()
    {
        CertificateReference reference = _engine.CreateOffline(_engine.PlanNew(Offline(), _log, null), _log);

        Assert.Equal(RequestStatus.Offline, reference.RequestStatus);
        Assert.Equal(_temp.File("request.csr"), reference.Path);
        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", File.ReadAllText(_temp.File("request.csr")));
        RequestRecord record = Stored(reference.RequestId);
        Assert.Equal(RequestStatus.Offline, record.Status);
        Assert.True(File.Exists(_store.KeyPath(record)));
        Assert.Empty(_installer.Installed);
    }

    [Fact]
    public void TheRequestIsStoredAsSubmittingBeforeTheCaIsCalledThenIssuedAndInstalled()
    {
        RequestStatus? statusWhileCaWorks = null;
        Client.OnSubmit = submission =>
        {
            statusWhileCaWorks = Stored(submission.RequestId).Status;
            return CaResult.Issued("https://acme.contoso.com/order/1", _issuer.Issue(submission.CsrDer));
        };

        CertificateReference reference = _engine.CreateOnline(_engine.PlanNew(Online(), _log, null), _log, CancellationToken.None);

        Assert.Equal(RequestStatus.Submitting, statusWhileCaWorks);
        CaSubmission sent = Client.Submitted.Single();
        Assert.Equal(new[] { "pool.contoso.com", "fe1.contoso.com" }, sent.DnsNames.Take(2));
        Assert.Equal(RequestStatus.Issued, reference.RequestStatus);
        var installed = _installer.Installed.Single();
        Assert.Equal(installed.Certificate.Thumbprint, reference.Thumbprint);
        Assert.Equal("Web server", installed.FriendlyName);
        Assert.False(installed.Exportable);
        Assert.Equal(1, installed.ChainLength);
        RequestRecord record = Stored(reference.RequestId);
        Assert.Equal(RequestStatus.Issued, record.Status);
        Assert.Null(record.KeyFile);
        Assert.Empty(Directory.GetFiles(_store.KeysFolder));
    }

    [Fact]
    public void APendingAnswerKeepsTheRequestAndItsKeyWithTheCasId()
    {
        Client.OnSubmit = _ => CaResult.Pending("https://acme.contoso.com/order/1");

        CertificateReference reference = _engine.CreateOnline(_engine.PlanNew(Online(), _log, null), _log, CancellationToken.None);

        Assert.Equal(RequestStatus.Pending, reference.RequestStatus);
        RequestRecord record = Stored(reference.RequestId);
        Assert.Equal(RequestStatus.Pending, record.Status);
        Assert.Equal("https://acme.contoso.com/order/1", record.CaRequestId);
        Assert.True(File.Exists(_store.KeyPath(record)));
        Assert.Empty(_installer.Installed);
    }

    [Fact]
    public void ADenialIsRecordedAndReportedWithTheCasReason()
    {
        Client.OnSubmit = _ => CaResult.Of(CaOutcome.Denied, "https://acme.contoso.com/order/1", "urn:ietf:params:acme:error:rejectedIdentifier", "Policy forbids pool.contoso.com.");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _engine.CreateOnline(_engine.PlanNew(Online(), _log, null), _log, CancellationToken.None));

        Assert.Equal(ErrorIds.CaDenied, ex.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
        Assert.Contains("Policy forbids pool.contoso.com.", ex.Message);
        Assert.Contains("rejectedIdentifier", ex.Message);
        RequestRecord record = Stored(1);
        Assert.Equal(RequestStatus.Denied, record.Status);
        Assert.Equal("Policy forbids pool.contoso.com.", record.StatusMessage);
    }

    [Fact]
    public void AnUnreachableCaLeavesTheRequestAsItWasToRetry()
    {
        Client.OnSubmit = _ => CaResult.Of(CaOutcome.Unreachable, null, null, "The ACME server cannot be reached: connection refused");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _engine.CreateOnline(_engine.PlanNew(Online(), _log, null), _log, CancellationToken.None));

        Assert.Equal(ErrorIds.CaUnreachable, ex.ErrorId);
        RequestRecord record = Stored(1);
        Assert.Equal(RequestStatus.Submitting, record.Status);
        Assert.Contains("connection refused", record.StatusMessage);
        Assert.True(File.Exists(_store.KeyPath(record)));
    }

    [Fact]
    public void AStopWhileTheCaWorksKeepsTheRequestToResume()
    {
        Client.OnSubmit = _ => CaResult.Stopped("https://acme.contoso.com/order/1");

        Assert.Throws<OperationCanceledException>(() => _engine.CreateOnline(_engine.PlanNew(Online(), _log, null), _log, CancellationToken.None));

        RequestRecord record = Stored(1);
        Assert.Equal(RequestStatus.Pending, record.Status);
        Assert.Contains("-Retrieve -RequestId 1", record.StatusMessage);
        Assert.True(File.Exists(_store.KeyPath(record)));
    }

    [Fact]
    public void AStopBeforeTheRequestIsStoredKeepsNothing()
    {
        NewRequestPlan plan = _engine.PlanNew(Online(), _log, null);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        Assert.Throws<OperationCanceledException>(() => _engine.CreateOnline(plan, _log, stop.Token));

        Assert.Empty(_store.List().Records);
        Assert.Empty(Client.Submitted);
    }

    [Fact]
    public void RetrievePollsAPendingRequestWithTheCasIdAndInstallsWhatItIssued()
    {
        RequestRecord pending = Pending("https://acme.contoso.com/order/1");
        Client.OnPoll = (id, submission) => CaResult.Issued(id, _issuer.Issue(submission.CsrDer));

        CertificateReference reference = _engine.Retrieve(pending, _log, CancellationToken.None);

        Assert.Equal(RequestStatus.Issued, reference.RequestStatus);
        Assert.Equal(new[] { "https://acme.contoso.com/order/1" }, Client.Polled);
        Assert.Equal((pending.RequestId, Ca, "https://acme.contoso.com/order/1"), _clients.CreatedForStoredRequests.Single());
        Assert.Single(_installer.Installed);
    }

    [Fact]
    public void RetrieveSendsARequestTheCaNeverGotAgain()
    {
        Client.OnSubmit = _ => CaResult.Of(CaOutcome.Unreachable, null, null, "down");
        Assert.Throws<CsCertificateException>(() => _engine.CreateOnline(_engine.PlanNew(Online(), _log, null), _log, CancellationToken.None));
        Client.OnSubmit = submission => CaResult.Pending("https://acme.contoso.com/order/2");

        CertificateReference reference = _engine.Retrieve(Stored(1), _log, CancellationToken.None);

        Assert.Equal(RequestStatus.Pending, reference.RequestStatus);
        Assert.Equal(2, Client.Submitted.Count);
        Assert.Empty(Client.Polled);
    }

    [Fact]
    public void RetrieveOfARequestWhoseKeyIsGoneSaysSoBeforeAskingTheCa()
    {
        RequestRecord pending = Pending("https://acme.contoso.com/order/1");
        File.Delete(_store.KeyPath(pending)!);
        _clients.CreatedForStoredRequests.Clear();

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _engine.Retrieve(pending, _log, CancellationToken.None));

        Assert.Equal(ErrorIds.RequestKeyMissing, ex.ErrorId);
        Assert.Empty(_clients.CreatedForStoredRequests);
        Assert.Empty(Client.Polled);
    }

    [Fact]
    public void RetrieveOfAnOfflineRequestPointsToItsFile()
    {
        CertificateReference offline = _engine.CreateOffline(_engine.PlanNew(Offline(), _log, null), _log);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _engine.Retrieve(Stored(offline.RequestId), _log, CancellationToken.None));

        Assert.Equal(ErrorIds.OfflineRequestNotRetrievable, ex.ErrorId);
        Assert.Contains(_temp.File("request.csr"), ex.Message);
        Assert.Empty(_clients.CreatedForStoredRequests);
    }

    [Fact]
    public void RetrieveOfAnIssuedRequestReturnsItWithoutAskingTheCa()
    {
        RequestRecord pending = Pending("https://acme.contoso.com/order/1");
        Client.OnPoll = (id, submission) => CaResult.Issued(id, _issuer.Issue(submission.CsrDer));
        _engine.Retrieve(pending, _log, CancellationToken.None);
        _clients.CreatedForStoredRequests.Clear();

        CertificateReference again = _engine.Retrieve(Stored(pending.RequestId), _log, CancellationToken.None);

        Assert.Equal(RequestStatus.Issued, again.RequestStatus);
        Assert.Empty(_clients.CreatedForStoredRequests);
        Assert.Single(_installer.Installed);
    }

    [Theory]
    [InlineData("Denied", "CaDenied")]
    [InlineData("Revoked", "CertificateRevoked")]
    [InlineData("Failed", "CaFailed")]
    public void RetrieveOfAFinishedRequestReportsWhatItIsWithTheStoredReason(string outcome, string errorId)
    {
        Client.OnSubmit = _ => CaResult.Of(Enum.Parse<CaOutcome>(outcome), "https://acme.contoso.com/order/1", null, "The CA said no.");
        Assert.Throws<CsCertificateException>(() => _engine.CreateOnline(_engine.PlanNew(Online(), _log, null), _log, CancellationToken.None));

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _engine.Retrieve(Stored(1), _log, CancellationToken.None));

        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains("The CA said no.", ex.Message);
        Assert.Empty(_clients.CreatedForStoredRequests);
    }

    [Fact]
    public void RemoveDeletesTheRequestItsKeyAndWhatTheCaClientsKeptOfIt()
    {
        RequestRecord pending = Pending("https://acme.contoso.com/order/1");
        string keyPath = _store.KeyPath(pending)!;

        _engine.Remove(pending.RequestId, _log);

        Assert.Empty(_store.List().Records);
        Assert.False(File.Exists(keyPath));
        Assert.Equal(new[] { pending.RequestId }, _clients.ChallengesRemoved);
        Assert.Contains(_log.Entries, e => e.Text.Contains(pending.RequestId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void RemovingOrListingARequestThatDoesNotExistIsNotFound()
    {
        CsCertificateException removed = Assert.Throws<CsCertificateException>(() => _engine.Remove(42, _log));
        CsCertificateException listed = Assert.Throws<CsCertificateException>(() => _engine.List(42));

        Assert.Equal(ErrorIds.RequestNotFound, removed.ErrorId);
        Assert.Equal(ErrorIds.RequestNotFound, listed.ErrorId);
        Assert.Empty(_clients.ChallengesRemoved);
    }

    private NewRequestOptions Online() => new NewRequestOptions
    {
        Types = new[] { CertType.Default },
        CA = Ca,
        FriendlyName = "Web server",
        KeyAlgorithm = KeyAlgorithmIdentifier.ECDH_P256,
        TopologyPaths = new[] { _topology },
    };

    private NewRequestOptions Offline()
    {
        NewRequestOptions options = Online();
        options.CA = null;
        options.OutputPath = _temp.File("request.csr");
        return options;
    }

    /// <summary>A request the CA holds as <paramref name="caRequestId"/>.</summary>
    private RequestRecord Pending(string caRequestId)
    {
        Client.OnSubmit = _ => CaResult.Pending(caRequestId);
        CertificateReference reference = _engine.CreateOnline(_engine.PlanNew(Online(), _log, null), _log, CancellationToken.None);
        return Stored(reference.RequestId);
    }

    private RequestRecord Stored(int requestId) => _store.Find(requestId, new List<StoreProblem>()) ?? throw new InvalidOperationException("request " + requestId + " is not stored");
}
