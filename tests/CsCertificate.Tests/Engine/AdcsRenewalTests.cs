// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Store;
using CsCertificate.Tests.CaClient.Adcs;
using CsCertificate.Tests.TestInfrastructure;
using Moq;
using Xunit;

namespace CsCertificate.Tests.Engine;

/// <summary>
/// A renewal through AD CS, over the mocked certcli seam (DCOM itself exists on Windows only): the template and
/// everything else replayed, the CA's request ids as the store's ids, and the renewed request marked with the
/// renewal's id as the CA gave it.
/// </summary>
public sealed class AdcsRenewalTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();
    private readonly TestEnvironment _environment;
    private readonly TestClientFactory _clients;
    private readonly FakeInstaller _installer = new FakeInstaller();
    private readonly TestIssuer _issuer = new TestIssuer();
    private readonly FakeCa _ca = new FakeCa();
    private readonly List<string> _templates = new List<string>();
    private readonly string _topology;
    private int _caRequestId = 223;
    private string? _submitted;

    public AdcsRenewalTests()
    {
        _environment = new TestEnvironment(_temp.File("home"));
        _clients = new TestClientFactory(_environment, _temp.File("home"));
        _clients.Clients[FakeCa.Config] = (account, password) => new AdcsCaClient(FakeCa.Config, null, account, password, _ca.Factory.Object, _ca.Scope.Object);
        _ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Callback((int _, string request, string attributes, string _) =>
            {
                _submitted = request;
                _templates.Add(attributes);
                _caRequestId++;
            })
            .Returns(3); // CR_DISP_ISSUED
        _ca.Api.Setup(a => a.GetRequestId()).Returns(() => _caRequestId);
        _ca.Api.Setup(a => a.GetLastStatus()).Returns(0);
        _ca.Api.Setup(a => a.GetCertificate(It.IsAny<int>())).Returns(() =>
            TestChain.Base64(_issuer.Issue("-----BEGIN CERTIFICATE REQUEST-----\n" + _submitted + "\n-----END CERTIFICATE REQUEST-----\n", _environment.UtcNow, TimeSpan.FromDays(365))));
        _topology = _temp.Write(
            "topology.tbxml",
            new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }, webExternal: "web.contoso.com").TopologyBuilderFile().ToString());
    }

    public void Dispose()
    {
        _issuer.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void RenewsThroughAdcsWithTheStoredTemplateUnderTheCasRequestIds()
    {
        var log = new OperationLog("Update-CsCertificate", () => _environment.UtcNow);
        var options = new NewRequestOptions
        {
            Types = new[] { CertType.Default, CertType.WebServicesInternal },
            ComputerFqdn = "fe1.contoso.com",
            CA = FakeCa.Config,
            Template = "LyncWebServer",
            KeyAlgorithm = KeyAlgorithmIdentifier.ECDH_P256,
            TopologyPaths = new[] { _topology },
        };
        CertificateReference first = Engine().CreateOnline(Engine().PlanNew(options, log, null), log, CancellationToken.None);
        Assert.Equal(224, first.RequestId);

        // A year's certificate is due after eight months.
        _environment.UtcNow = _environment.UtcNow.AddDays(244);
        CertificateRenewer renewer = Renewer();
        RenewalCandidate candidate = Assert.Single(renewer.Candidates(null, new List<StoreProblem>()));
        Assert.True(renewer.Due(candidate.Request!, log, CancellationToken.None) <= _environment.UtcNow);
        CertificateReference renewed = renewer.Renew(renewer.Plan(candidate.Request!, Array.Empty<string>(), Array.Empty<NamedPath>(), log), log, CancellationToken.None);

        Assert.Equal(225, renewed.RequestId);
        Assert.Equal(RequestStatus.Issued, renewed.RequestStatus);
        Assert.Equal(first.Thumbprint, renewed.PreviousThumbprint);
        Assert.Equal(new[] { "CertificateTemplate:LyncWebServer", "CertificateTemplate:LyncWebServer" }, _templates);
        var store = new RequestStore(_temp.File("home"));
        Assert.Equal(225, store.Find(224, new List<StoreProblem>())!.RenewedBy);
        Assert.Equal(224, store.Find(225, new List<StoreProblem>())!.Renews);
        Assert.Equal(new[] { "000224.json", "000225.json" }, Directory.GetFiles(store.RequestsFolder).Select(Path.GetFileName).OrderBy(n => n));
        Assert.Equal(new[] { first.Thumbprint, renewed.Thumbprint }, _installer.Installed.Select(i => i.Certificate.Thumbprint));
    }

    private CertificateRequestEngine Engine() => new CertificateRequestEngine(_environment, new RequestStore(_temp.File("home")), null, _clients, _installer, _temp.Path);

    private CertificateRenewer Renewer() => new CertificateRenewer(Engine(), _clients, _environment);
}
