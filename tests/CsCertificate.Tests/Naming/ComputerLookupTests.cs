// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Naming;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Xunit;

namespace CsCertificate.Tests.Naming;

/// <summary>
/// Which pool a computer is in when the topology lists it in more than one cluster, and what an ambiguous name
/// is told.
/// </summary>
public sealed class ComputerLookupTests
{
    [Theory]
    [InlineData("published", true)]
    [InlineData("published", false)]
    [InlineData("tbxml", true)]
    [InlineData("tbxml", false)]
    public void AFrontEndServerThatAlsoHostsOfficeWebAppsIsInItsFrontEndPool(string form, bool wacFirst)
    {
        var builder = new TopologyDocumentBuilder("contoso.com");
        if (wacFirst)
        {
            builder.Wac("wac.contoso.com", new[] { "fe1.contoso.com" });
        }

        builder.FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com", "fe2.contoso.com" });
        if (!wacFirst)
        {
            builder.Wac("wac.contoso.com", new[] { "fe1.contoso.com" });
        }

        DeploymentTopology topology = TestTopologies.Load(form == "published" ? builder.Published() : builder.TopologyBuilderFile());

        foreach (string computer in new[] { "fe1.contoso.com", "FE1.CONTOSO.COM", "fe1" })
        {
            NamingPlan plan = Analyze(topology, computer, CertType.Default, CertType.WebServicesInternal);

            Assert.Equal("fe1.contoso.com", plan.ComputerFqdn);
            Assert.Equal("pool.contoso.com", plan.PoolFqdn);
            Assert.Equal(PoolRole.FrontEnd, plan.Role);
        }
    }

    [Fact]
    public void AServerOnlyInAnOfficeWebAppsClusterStillNeedsNoCertificate()
    {
        DeploymentTopology topology = TestTopologies.Load(new TopologyDocumentBuilder("contoso.com")
            .FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" })
            .Wac("wac.contoso.com", new[] { "wac1.contoso.com" })
            .Published());

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze(topology, "wac1.contoso.com", CertType.Default));

        Assert.Equal(ErrorIds.CertTypeNotApplicable, ex.ErrorId);
    }

    [Fact]
    public void AnAmbiguousHostNameListsEachServerOnceWithItsPool()
    {
        DeploymentTopology topology = TestTopologies.Load(new TopologyDocumentBuilder("contoso.com", "fabrikam.com")
            .FrontEnd("pool.contoso.com", new[] { "web01.contoso.com" })
            .Wac("wac.contoso.com", new[] { "web01.contoso.com" })
            .FrontEnd("pool.fabrikam.com", new[] { "web01.fabrikam.com" })
            .Published());

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze(topology, "web01", CertType.Default));

        Assert.Equal(ErrorIds.ComputerAmbiguous, ex.ErrorId);
        Assert.Contains("web01.contoso.com (pool pool.contoso.com), web01.fabrikam.com (pool pool.fabrikam.com)", ex.Message);
        Assert.DoesNotContain("wac.contoso.com", ex.Message);
    }

    [Fact]
    public void AServerInTwoPoolsThatNeedCertificatesIsRefusedNamingBoth()
    {
        DeploymentTopology topology = TestTopologies.Load(new TopologyDocumentBuilder("contoso.com")
            .FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" })
            .Director("director.contoso.com", new[] { "fe1.contoso.com" })
            .Published());

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze(topology, "fe1.contoso.com", CertType.Default));

        Assert.Equal(ErrorIds.ComputerAmbiguous, ex.ErrorId);
        Assert.Contains("pool.contoso.com (Front End", ex.Message);
        Assert.Contains("director.contoso.com (Director", ex.Message);
    }

    private static NamingPlan Analyze(DeploymentTopology topology, string computer, params CertType[] types) =>
        NamingAnalyzer.Analyze(topology, computer, types, NamingDecisionTableTests.Options(null));
}
