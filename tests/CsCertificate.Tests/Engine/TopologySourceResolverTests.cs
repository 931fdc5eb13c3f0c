// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Report;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Moq;
using Xunit;

namespace CsCertificate.Tests.Engine;

public sealed class TopologySourceResolverTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();
    private readonly TestEnvironment _environment;
    private readonly Mock<ISessionTopologySource> _session = new Mock<ISessionTopologySource>(MockBehavior.Strict);
    private readonly OperationLog _log = new OperationLog("Request-CsCertificate", () => DateTime.UtcNow);

    public TopologySourceResolverTests()
    {
        _environment = new TestEnvironment(_temp.File("home"));
        Directory.CreateDirectory(_temp.File("home"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TopologyPathComesFirst()
    {
        _environment.Variables[TopologySourceResolver.TopologyVariable] = Write("variable.xml", "variable.contoso.com");

        DeploymentTopology topology = Resolver().Load(new[] { Write("parameter.xml", "parameter.contoso.com") }, _log);

        Assert.Equal("parameter.contoso.com", topology.DefaultDomain);
        Assert.StartsWith("Topology source: -TopologyPath", _log.Connection);
        _session.VerifyNoOtherCalls();
    }

    [Fact]
    public void TheEnvironmentVariableComesBeforeTheSessionAndTakesAList()
    {
        string urls = _temp.Write("urls.xml", new TopologyDocumentBuilder("contoso.com").SimpleUrl("Meet", "contoso.com", "https://meet.contoso.com").SimpleUrlDocument().ToString());
        _environment.Variables[TopologySourceResolver.TopologyVariable] = Write("variable.xml", "variable.contoso.com") + Path.PathSeparator + urls;

        DeploymentTopology topology = Resolver().Load(Array.Empty<string>(), _log);

        Assert.Equal("variable.contoso.com", topology.DefaultDomain);
        Assert.True(topology.HasSimpleUrlConfiguration);
        Assert.Contains("CSCERTIFICATE_TOPOLOGY", _log.Connection);
        _session.VerifyNoOtherCalls();
    }

    [Fact]
    public void TheSessionComesBeforeTheDataFolder()
    {
        Write(Path.Combine("home", "topology.xml"), "datafolder.contoso.com");
        string session = Topology("session.contoso.com");
        _session.Setup(s => s.GetDocuments()).Returns(new[] { TopologyInput.FromText("Get-CsTopology -AsXml", session) });

        DeploymentTopology topology = Resolver().Load(Array.Empty<string>(), _log);

        Assert.Equal("session.contoso.com", topology.DefaultDomain);
        Assert.Contains("Management Shell", _log.Connection);
    }

    [Fact]
    public void TheDataFolderIsTheLastSource()
    {
        Write(Path.Combine("home", "topology.tbxml"), "datafolder.contoso.com");
        _session.Setup(s => s.GetDocuments()).Returns((IReadOnlyList<TopologyInput>?)null);

        DeploymentTopology topology = Resolver().Load(Array.Empty<string>(), _log);

        Assert.Equal("datafolder.contoso.com", topology.DefaultDomain);
        Assert.Contains("data folder", _log.Connection);
    }

    [Fact]
    public void SaysEveryWayToGiveATopologyWhenThereIsNone()
    {
        _session.Setup(s => s.GetDocuments()).Returns((IReadOnlyList<TopologyInput>?)null);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Resolver().Load(Array.Empty<string>(), _log));

        Assert.Equal(ErrorIds.TopologyNotFound, ex.ErrorId);
        Assert.Contains("-TopologyPath", ex.Message);
        Assert.Contains("CSCERTIFICATE_TOPOLOGY", ex.Message);
        Assert.Contains("Get-CsTopology", ex.Message);
        Assert.Contains(Path.Combine(_temp.File("home"), "topology.xml"), ex.Message);
    }

    [Fact]
    public void TakesRelativePathsOfTheEnvironmentVariableFromTheCurrentFolder()
    {
        Write(Path.Combine("location", "variable.xml"), "variable.contoso.com");
        _environment.Variables[TopologySourceResolver.TopologyVariable] = "variable.xml";

        TopologySource source = Resolver(_temp.File("location")).Find(Array.Empty<string>());

        Assert.Equal(new[] { _temp.File(Path.Combine("location", "variable.xml")) }, source.Files);
        Assert.Equal("variable.contoso.com", TopologySourceResolver.Load(source, _log).DefaultDomain);
    }

    [Fact]
    public void NamesTheFilesOfTheDataFolderAndNoneOfTheSession()
    {
        string file = Write(Path.Combine("home", "topology.xml"), "datafolder.contoso.com");
        _session.Setup(s => s.GetDocuments()).Returns((IReadOnlyList<TopologyInput>?)null);

        Assert.Equal(new[] { file }, Resolver().Find(Array.Empty<string>()).Files);

        _session.Setup(s => s.GetDocuments()).Returns(new[] { TopologyInput.FromText("Get-CsTopology -AsXml", Topology("session.contoso.com")) });
        Assert.Empty(Resolver().Find(Array.Empty<string>()).Files);
    }

    private TopologySourceResolver Resolver(string? currentFolder = null) =>
        new TopologySourceResolver(_environment, _session.Object, _temp.File("home"), currentFolder ?? _temp.Path);

    private string Write(string name, string domain) => _temp.Write(name, Topology(domain));

    private static string Topology(string domain) =>
        new TopologyDocumentBuilder(domain).FrontEnd("pool." + domain, new[] { "fe1." + domain }).Published().ToString();
}
