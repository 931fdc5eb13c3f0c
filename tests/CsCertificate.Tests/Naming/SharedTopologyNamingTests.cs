// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Naming;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Xunit;

namespace CsCertificate.Tests.Naming;

/// <summary>The names the decisions table gives for the three real topology documents of the shared fixtures.</summary>
public sealed class SharedTopologyNamingTests
{
    [SharedFixtureFact]
    public void StandardEditionServerOfThePublishedUtf16Topology()
    {
        NamingPlan plan = Analyze("se-edge-utf16-johanveldhuis.xml", "S4BLab92-FE1.contoso.com", CertType.Default, CertType.WebServicesInternal, CertType.WebServicesExternal);

        Assert.Equal("S4BLab92-FE1.contoso.com", plan.SubjectName);
        Assert.Equal(new[] { "S4BLab92-FE1.contoso.com", "LyncdiscoverInternal.contoso.com", "rp1.contoso.com", "Lyncdiscover.contoso.com" }, plan.AlternativeNames);
        Assert.Contains(plan.Warnings, w => w.Contains("simple URL"));
    }

    [SharedFixtureFact]
    public void SingleEdgeWithOneExternalFqdnBehindNat()
    {
        NamingPlan external = Analyze("se-edge-utf16-johanveldhuis.xml", "S4BLab92-ES1.contoso.com", CertType.AccessEdgeExternal, CertType.DataEdgeExternal, CertType.AudioVideoAuthentication);
        NamingPlan internalPlan = Analyze("se-edge-utf16-johanveldhuis.xml", "S4BLab92-ES1", CertType.Internal);

        Assert.Equal("sip.contoso.com", external.SubjectName);
        Assert.Equal(new[] { "sip.contoso.com" }, external.AlternativeNames);
        Assert.Empty(external.Warnings);
        Assert.Equal("S4BLab92-ES1.contoso.com", internalPlan.SubjectName);
        Assert.Empty(internalPlan.AlternativeNames);
    }

    [SharedFixtureFact]
    public void FrontEndPoolMemberOfTheTopologyBuilderFile()
    {
        NamingPlan plan = Analyze("ee-edge-pools-automatedlab.tbxml", "xfrontend2.contoso.com", CertType.Default, CertType.WebServicesInternal, CertType.WebServicesExternal);

        Assert.Equal("frontendpool.contoso.com", plan.SubjectName);
        Assert.Equal(
            new[] { "frontendpool.contoso.com", "xfrontend2.contoso.com", "dialin.contoso.com", "meet.contoso.com", "LyncdiscoverInternal.contoso.com", "Lyncdiscover.contoso.com" },
            plan.AlternativeNames);
        Assert.Empty(plan.Warnings);
    }

    [SharedFixtureFact]
    public void EdgePoolOfTheTopologyBuilderFile()
    {
        NamingPlan external = Analyze("ee-edge-pools-automatedlab.tbxml", "xedge3.contoso.com", CertType.External);
        NamingPlan internalPlan = Analyze("ee-edge-pools-automatedlab.tbxml", "xedge1.contoso.com", CertType.Internal);

        Assert.Equal("ExternalEdge.contoso.com", external.SubjectName);
        Assert.Equal(new[] { "ExternalEdge.contoso.com", "sip.contoso.com" }, external.AlternativeNames);
        Assert.Equal("edgepool.contoso.com", internalPlan.SubjectName);
    }

    [SharedFixtureFact]
    public void EnterprisePoolOfTheAsciiTopology()
    {
        NamingPlan plan = Analyze("ee-pool-rlevchenko.xml", "skype-fe-01.tenant.rlevchenko.com", CertType.Default);

        Assert.Equal("poolfe.tenant.rlevchenko.com", plan.SubjectName);
        Assert.Equal(new[] { "poolfe.tenant.rlevchenko.com", "SKYPE-FE-01.tenant.rlevchenko.com" }, plan.AlternativeNames);
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("ee-pool-rlevchenko.xml", "srv-owa-01.tenant.rlevchenko.com", CertType.Default));
        Assert.Equal(ErrorIds.CertTypeNotApplicable, ex.ErrorId);
    }

    private static NamingPlan Analyze(string fixture, string computer, params CertType[] types) =>
        NamingAnalyzer.Analyze(TestTopologies.LoadFiles(SharedFixtures.Topology(fixture)), computer, types, NamingDecisionTableTests.Options());
}
