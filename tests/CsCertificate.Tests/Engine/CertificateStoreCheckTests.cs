// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Store;
using CsCertificate.Tests.TestInfrastructure;
using Moq;
using Xunit;

namespace CsCertificate.Tests.Engine;

/// <summary>
/// Writing LocalMachine\My needs elevation: a store that cannot be written is refused while planning, before a
/// key is generated, a CA is asked or anything is stored; and a CA's id is saved before the install it leads to.
/// </summary>
public sealed class CertificateStoreCheckTests : IDisposable
{
    private static readonly string[] s_topology = { Path.Combine(AppContext.BaseDirectory, "Examples", "litwareinc-topology.xml") };

    private readonly TempFolder _temp = new TempFolder();
    private readonly Mock<ICertificateInstaller> _installer = new Mock<ICertificateInstaller>(MockBehavior.Strict);
    private readonly OperationLog _log = new OperationLog("Request-CsCertificate", () => DateTime.UtcNow);
    private readonly CertificateRequestEngine _engine;

    public CertificateStoreCheckTests()
    {
        var environment = new TestEnvironment(_temp.File("home"));
        var store = new RequestStore(_temp.File("home"));
        _engine = new CertificateRequestEngine(environment, store, null, new CaClientFactory(environment.GetEnvironmentVariable, store.Home, CaClientFactory.CreateAcmeHandler), _installer.Object, _temp.Path);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ARequestToACaIsRefusedWhilePlanningWhenTheStoreCannotBeWritten()
    {
        _installer.Setup(i => i.CheckCanInstall()).Throws(NotWritable());

        var ex = Assert.Throws<CsCertificateException>(() => _engine.PlanNew(Options(ca: "https://acme.invalid/directory"), _log, null));

        Assert.Equal(ErrorIds.CertificateStoreNotWritable, ex.ErrorId);
        Assert.False(Directory.Exists(_temp.File("home")), "nothing is stored");
    }

    [Fact]
    public void AnOfflineRequestInstallsNothingAndSoNeedsNoWritableStore()
    {
        NewRequestPlan plan = _engine.PlanNew(Options(output: _temp.File("pool.csr")), _log, null);

        Assert.Null(plan.Client);
        _installer.Verify(i => i.CheckCanInstall(), Times.Never());
    }

    [Fact]
    public void RetrieveIsRefusedBeforeTheCaIsAskedWhenTheStoreCannotBeWritten()
    {
        _engine.CreateOffline(_engine.PlanNew(Options(output: _temp.File("pool.csr")), _log, null), _log);
        RequestRecord record = _engine.Store.List().Records.Single();
        record.Status = RequestStatus.Pending;
        record.CA = "https://acme.invalid/directory";
        record.CaRequestId = "https://acme.invalid/order/1";
        _engine.Store.Update(record);
        _installer.Setup(i => i.CheckCanInstall()).Throws(NotWritable());

        var ex = Assert.Throws<CsCertificateException>(() => _engine.Retrieve(record, _log, CancellationToken.None));

        Assert.Equal(ErrorIds.CertificateStoreNotWritable, ex.ErrorId);
        Assert.Equal(RequestStatus.Pending, _engine.Store.List().Records.Single().Status);
    }

    private static CsCertificateException NotWritable() =>
        new CsCertificateException(ErrorIds.CertificateStoreNotWritable, ErrorKind.PermissionDenied, "Cert:\\LocalMachine\\My cannot be opened for writing: Access is denied.");

    private static NewRequestOptions Options(string? ca = null, string? output = null) => new NewRequestOptions
    {
        Types = new[] { CertType.Default },
        ComputerFqdn = "atl-cs-001.litwareinc.com",
        CA = ca,
        OutputPath = output,
        KeyAlgorithm = KeyAlgorithmIdentifier.ECDH_P256,
        TopologyPaths = s_topology,
    };
}
