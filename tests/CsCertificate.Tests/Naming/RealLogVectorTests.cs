// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.Model;
using CsCertificate.Naming;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Xunit;

namespace CsCertificate.Tests.Naming;

/// <summary>
/// The three Request-CsCertificate cases of the real Skype for Business Server 2015 -Report logs (docs/design/naming.md,
/// L1: https://github.com/pcossu/SkypeforBusiness_IaC_lab_V4), from a topology built to match the one they were
/// logged against.
/// </summary>
public sealed class RealLogVectorTests
{
    private static readonly DeploymentTopology s_topology = TestTopologies.Load(
        new TopologyDocumentBuilder("skypefb.com")
            .FrontEnd("VM-SFB-FE01.skypefb.com", new[] { "VM-SFB-FE01.skypefb.com" }, webExternal: "webext.skypefb.com", mediation: true)
            .Edge("VM-SFB-EDGE01.skypefb.com", new[] { "VM-SFB-EDGE01.skypefb.com" }, "sip.skypefb.com", "sip.skypefb.com", "sip.skypefb.com", natAddress: "131.107.0.1")
            .SimpleUrl("dialin", "*", "https://dialin.skypefb.com")
            .SimpleUrl("meet", "skypefb.com", "https://meet.skypefb.com")
            .SimpleUrl("Cscp", "*", "https://admin.skypefb.com")
            .TopologyBuilderFile());

    [Fact]
    public void StandardEditionDefaultAndWebServicesWithAllSipDomain()
    {
        NamingPlan plan = Analyze("VM-SFB-FE01.skypefb.com", new[] { CertType.Default, CertType.WebServicesInternal, CertType.WebServicesExternal }, "sip.skypefb.com", allSipDomain: true);

        Assert.Equal("VM-SFB-FE01.skypefb.com", plan.SubjectName);
        Assert.Equal(
            new[] { "sip.skypefb.com", "VM-SFB-FE01.skypefb.com", "dialin.skypefb.com", "meet.skypefb.com", "admin.skypefb.com", "LyncdiscoverInternal.skypefb.com", "webext.skypefb.com", "Lyncdiscover.skypefb.com" },
            plan.AlternativeNames);
    }

    [Fact]
    public void OAuthTokenIssuer()
    {
        NamingPlan plan = Analyze("VM-SFB-FE01.skypefb.com", new[] { CertType.OAuthTokenIssuer }, "VM-SFB-FE01.skypefb.com", allSipDomain: false);

        Assert.Equal("skypefb.com", plan.SubjectName);
        Assert.Equal(new[] { "VM-SFB-FE01.skypefb.com", "skypefb.com" }, plan.AlternativeNames);
    }

    [Fact]
    public void EdgeInternalHasNoAlternativeNamesEvenWithAllSipDomain()
    {
        NamingPlan plan = Analyze("VM-SFB-EDGE01.skypefb.com", new[] { CertType.Internal }, null, allSipDomain: true);

        Assert.Equal("VM-SFB-EDGE01.skypefb.com", plan.SubjectName);
        Assert.Empty(plan.AlternativeNames);
        Assert.Equal(PoolRole.Edge, plan.Role);
    }

    private static NamingPlan Analyze(string computer, IReadOnlyList<CertType> types, string? domainName, bool allSipDomain) =>
        NamingAnalyzer.Analyze(s_topology, computer, types, new NamingOptions(allSipDomain, NamingOptions.SplitDomainNames(domainName), KeyAlgorithmIdentifier.RSA, 2048));
}
