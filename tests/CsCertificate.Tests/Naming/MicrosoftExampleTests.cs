// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Linq;
using CsCertificate.Model;
using CsCertificate.Naming;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Xunit;

namespace CsCertificate.Tests.Naming;

/// <summary>
/// The example rows Microsoft's certificate planning pages give (docs/design/naming.md, M2 and M4), for the roles
/// the decisions table covers, reproduced from a topology that matches each example. The examples list no
/// Autodiscover names; the pages add them separately (M9), so the only names beyond an example's set are
/// Lyncdiscover ones.
/// </summary>
public sealed class MicrosoftExampleTests
{
    private static readonly DeploymentTopology s_deployment = TestTopologies.Load(
        new TopologyDocumentBuilder("contoso.com", "fabrikam.com")
            .FrontEnd("se01.contoso.com", new[] { "se01.contoso.com" }, webExternal: "webcon01.contoso.com")
            .FrontEnd("eepool.contoso.com", new[] { "ee01.contoso.com", "ee02.contoso.com" })
            .Director("dir-pool.contoso.com", new[] { "dir01.contoso.com", "dir02.contoso.com" })
            .Director("dir01.contoso.net", new[] { "dir01.contoso.net" }, webExternal: "directorwebcon01.contoso.com")
            .Mediation("medsvr-pool.contoso.net", new[] { "medsvr01.contoso.net", "medsvr02.contoso.net" })
            .Edge("sfbedge.contoso.com", new[] { "sfbedge.contoso.com" }, "sip.contoso.com", "webcon.contoso.com", "sip.contoso.com")
            .SimpleUrl("Meet", "contoso.com", "https://meet.contoso.com")
            .SimpleUrl("Meet", "fabrikam.com", "https://meet.fabrikam.com")
            .SimpleUrl("Dialin", "*", "https://dialin.contoso.com")
            .SimpleUrl("Cscp", "*", "https://admin.contoso.com")
            .TopologyBuilderFile());

    [Theory]
    [InlineData("S2 SE Default", "se01.contoso.com", new[] { CertType.Default }, null, "se01.contoso.com", new[] { "se01.contoso.com" })]
    [InlineData("S2 SE Web internal", "se01.contoso.com", new[] { CertType.WebServicesInternal }, null, "se01.contoso.com",
        new[] { "se01.contoso.com", "meet.contoso.com", "meet.fabrikam.com", "dialin.contoso.com", "admin.contoso.com" })]
    [InlineData("S2 SE Web external", "se01.contoso.com", new[] { CertType.WebServicesExternal }, null, "se01.contoso.com",
        new[] { "webcon01.contoso.com", "meet.contoso.com", "meet.fabrikam.com", "dialin.contoso.com" })]
    [InlineData("S2 EE Default", "ee01.contoso.com", new[] { CertType.Default }, null, "eepool.contoso.com", new[] { "eepool.contoso.com", "ee01.contoso.com" })]
    [InlineData("S4 Director pool Default", "dir01.contoso.com", new[] { CertType.Default }, null, "dir-pool.contoso.com", new[] { "dir-pool.contoso.com", "dir01.contoso.com" })]
    [InlineData("S2 Director Web internal", "dir01.contoso.net", new[] { CertType.WebServicesInternal }, null, "dir01.contoso.net",
        new[] { "dir01.contoso.net", "meet.contoso.com", "meet.fabrikam.com", "dialin.contoso.com", "admin.contoso.com" })]
    [InlineData("S2 Director Web external", "dir01.contoso.net", new[] { CertType.WebServicesExternal }, null, "dir01.contoso.net",
        new[] { "directorwebcon01.contoso.com", "meet.contoso.com", "meet.fabrikam.com", "dialin.contoso.com" })]
    [InlineData("S2 Mediation pool Default", "medsvr01.contoso.net", new[] { CertType.Default }, null, "medsvr-pool.contoso.net",
        new[] { "medsvr-pool.contoso.net", "medsvr01.contoso.net" })]
    [InlineData("S3 External Edge (sip.fabrikam.com from -DomainName, as the page says)", "sfbedge.contoso.com",
        new[] { CertType.AccessEdgeExternal, CertType.DataEdgeExternal, CertType.AudioVideoAuthentication }, "sip.fabrikam.com", "sip.contoso.com",
        new[] { "sip.contoso.com", "webcon.contoso.com", "sip.fabrikam.com" })]
    [InlineData("S6 XMPP", "sfbedge.contoso.com",
        new[] { CertType.AccessEdgeExternal, CertType.DataEdgeExternal, CertType.AudioVideoAuthentication, CertType.XmppServer }, "sip.fabrikam.com", "sip.contoso.com",
        new[] { "webcon.contoso.com", "sip.contoso.com", "sip.fabrikam.com", "xmpp.contoso.com", "*.contoso.com" })]
    [InlineData("S3 Internal Edge", "sfbedge.contoso.com", new[] { CertType.Internal }, null, "sfbedge.contoso.com", new string[0])]
    public void ReproducesTheExample(string example, string computer, CertType[] types, string? domainName, string subject, string[] san)
    {
        NamingPlan plan = NamingAnalyzer.Analyze(s_deployment, computer, types, NamingDecisionTableTests.Options(domainName));

        Assert.True(subject == plan.SubjectName, example);
        Assert.Equal(san.OrderBy(n => n), plan.AlternativeNames.Where(n => !n.StartsWith("Lyncdiscover", System.StringComparison.Ordinal)).OrderBy(n => n));
    }
}
