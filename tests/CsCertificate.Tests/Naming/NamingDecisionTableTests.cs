// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Naming;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Xunit;

namespace CsCertificate.Tests.Naming;

/// <summary>
/// Every row of docs/design/naming.md ("Per type"), for every role it names, against one deployment written in both document
/// forms: the published topology plus a SimpleUrl document, and the Topology Builder file.
/// </summary>
public sealed class NamingDecisionTableTests
{
    private static readonly TopologyDocumentBuilder s_contoso = new TopologyDocumentBuilder("contoso.com", "fabrikam.com", "litware.net")
        .FrontEnd("se01.contoso.com", new[] { "se01.contoso.com" }, webExternal: "webcon01.contoso.com", mediation: true)
        .FrontEnd("eepool.contoso.com", new[] { "ee01.contoso.com", "ee02.contoso.com", "ee03.contoso.com" }, webExternal: "eeweb.contoso.com", webInternal: "eeweb-int.contoso.com")
        .Director("dirpool.contoso.com", new[] { "dir01.contoso.com", "dir02.contoso.com" }, webExternal: "directorwebcon01.contoso.com")
        .Mediation("medpool.contoso.com", new[] { "med01.contoso.com", "med02.contoso.com" })
        .Edge("edgepool.contoso.com", new[] { "edge01.contoso.com", "edge02.contoso.com", "edge03.contoso.com" }, "access.contoso.com", "webconf.contoso.com", "av.contoso.com", natAddress: "131.107.0.10")
        .Edge("sfbedge.contoso.com", new[] { "sfbedge.contoso.com" }, "sip.contoso.com", "sip.contoso.com", "sip.contoso.com")
        .SupportServer("sql01.contoso.com")
        .SimpleUrl("Dialin", "*", "https://dialin.contoso.com")
        .SimpleUrl("Meet", "contoso.com", "https://meet.contoso.com")
        .SimpleUrl("Meet", "fabrikam.com", "https://meet.fabrikam.com")
        .SimpleUrl("Meet", "litware.net", "https://meet.litware.net/", "https://conf.litware.net/meet")
        .SimpleUrl("Cscp", "*", "https://admin.contoso.com");

    private static readonly Dictionary<string, DeploymentTopology> s_forms = new Dictionary<string, DeploymentTopology>
    {
        ["published"] = TestTopologies.Load(s_contoso.Published(), s_contoso.SimpleUrlDocument()),
        ["tbxml"] = TestTopologies.Load(s_contoso.TopologyBuilderFile()),
    };

    private static readonly string[] s_simpleUrlsInternal =
        { "dialin.contoso.com", "meet.contoso.com", "meet.fabrikam.com", "meet.litware.net", "conf.litware.net", "admin.contoso.com" };

    private static readonly string[] s_simpleUrlsExternal =
        { "dialin.contoso.com", "meet.contoso.com", "meet.fabrikam.com", "meet.litware.net", "conf.litware.net" };

    [Theory]
    [InlineData("published", "se01.contoso.com", "se01.contoso.com", new[] { "se01.contoso.com" }, PoolRole.FrontEnd)]
    [InlineData("tbxml", "se01.contoso.com", "se01.contoso.com", new[] { "se01.contoso.com" }, PoolRole.FrontEnd)]
    [InlineData("published", "ee02.contoso.com", "eepool.contoso.com", new[] { "eepool.contoso.com", "ee02.contoso.com" }, PoolRole.FrontEnd)]
    [InlineData("tbxml", "ee02.contoso.com", "eepool.contoso.com", new[] { "eepool.contoso.com", "ee02.contoso.com" }, PoolRole.FrontEnd)]
    [InlineData("published", "dir01.contoso.com", "dirpool.contoso.com", new[] { "dirpool.contoso.com", "dir01.contoso.com" }, PoolRole.Director)]
    [InlineData("tbxml", "dir01.contoso.com", "dirpool.contoso.com", new[] { "dirpool.contoso.com", "dir01.contoso.com" }, PoolRole.Director)]
    [InlineData("published", "med02.contoso.com", "medpool.contoso.com", new[] { "medpool.contoso.com", "med02.contoso.com" }, PoolRole.Mediation)]
    [InlineData("tbxml", "med02.contoso.com", "medpool.contoso.com", new[] { "medpool.contoso.com", "med02.contoso.com" }, PoolRole.Mediation)]
    public void DefaultIsThePoolThenPoolAndComputer(string form, string computer, string subject, string[] san, PoolRole role)
    {
        NamingPlan plan = Plan(form, computer, CertType.Default);

        Assert.Equal(subject, plan.SubjectName);
        Assert.Equal(san, plan.AlternativeNames);
        Assert.Equal(role, plan.Role);
        Assert.Empty(plan.Warnings);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void WebServicesInternalOnAnEnterprisePool(string form)
    {
        NamingPlan plan = Plan(form, "ee01.contoso.com", CertType.WebServicesInternal);

        Assert.Equal("eepool.contoso.com", plan.SubjectName);
        Assert.Equal(
            new[] { "eeweb-int.contoso.com", "eepool.contoso.com", "ee01.contoso.com" }.Concat(s_simpleUrlsInternal).Append("LyncdiscoverInternal.contoso.com"),
            plan.AlternativeNames);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void WebServicesInternalWithAllSipDomainAddsLyncdiscoverInternalForEachDomain(string form)
    {
        NamingPlan plan = Plan(form, "se01.contoso.com", CertType.WebServicesInternal, allSipDomain: true);

        Assert.Equal("se01.contoso.com", plan.SubjectName);
        Assert.Equal(
            new[] { "se01.contoso.com" }.Concat(s_simpleUrlsInternal)
                .Concat(new[] { "LyncdiscoverInternal.contoso.com", "LyncdiscoverInternal.fabrikam.com", "LyncdiscoverInternal.litware.net" }),
            plan.AlternativeNames);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void WebServicesInternalOnADirectorPool(string form)
    {
        NamingPlan plan = Plan(form, "dir02.contoso.com", CertType.WebServicesInternal);

        Assert.Equal("dirpool.contoso.com", plan.SubjectName);
        Assert.Equal(new[] { "dirpool.contoso.com", "dir02.contoso.com" }.Concat(s_simpleUrlsInternal).Append("LyncdiscoverInternal.contoso.com"), plan.AlternativeNames);
    }

    [Theory]
    [InlineData("published", "ee03.contoso.com", "eepool.contoso.com", "eeweb.contoso.com")]
    [InlineData("tbxml", "ee03.contoso.com", "eepool.contoso.com", "eeweb.contoso.com")]
    [InlineData("published", "dir01.contoso.com", "dirpool.contoso.com", "directorwebcon01.contoso.com")]
    [InlineData("tbxml", "se01.contoso.com", "se01.contoso.com", "webcon01.contoso.com")]
    public void WebServicesExternalIsTheExternalWebFqdnMeetAndDialinButNoAdmin(string form, string computer, string subject, string external)
    {
        NamingPlan plan = Plan(form, computer, CertType.WebServicesExternal, allSipDomain: true);

        Assert.Equal(subject, plan.SubjectName);
        Assert.Equal(
            new[] { external }.Concat(s_simpleUrlsExternal)
                .Concat(new[] { "Lyncdiscover.contoso.com", "Lyncdiscover.fabrikam.com", "Lyncdiscover.litware.net" }),
            plan.AlternativeNames);
        Assert.DoesNotContain("admin.contoso.com", plan.AlternativeNames);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void NeverAddsSipNamesToDefaultOrWebCertificates(string form)
    {
        NamingPlan plan = Plan(form, "ee01.contoso.com", new[] { CertType.Default, CertType.WebServicesInternal, CertType.WebServicesExternal }, allSipDomain: true);

        Assert.DoesNotContain(plan.AlternativeNames, n => n.StartsWith("sip.", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("published", "edge01.contoso.com", "edgepool.contoso.com")]
    [InlineData("tbxml", "edge03.contoso.com", "edgepool.contoso.com")]
    [InlineData("tbxml", "sfbedge.contoso.com", "sfbedge.contoso.com")]
    public void InternalIsTheEdgePoolWithoutAlternativeNames(string form, string computer, string pool)
    {
        NamingPlan plan = Plan(form, computer, CertType.Internal, allSipDomain: true);

        Assert.Equal(pool, plan.SubjectName);
        Assert.Empty(plan.AlternativeNames);
        Assert.Equal(PoolRole.Edge, plan.Role);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void InternalWithDomainNamesAddsThePoolAfterThem(string form)
    {
        NamingPlan plan = Plan(form, "edge01.contoso.com", CertType.Internal, domainName: "edge01.contoso.com, *.contoso.com");

        Assert.Equal(new[] { "edge01.contoso.com", "*.contoso.com", "edgepool.contoso.com" }, plan.AlternativeNames);
    }

    [Theory]
    [InlineData("published", false, new[] { "access.contoso.com", "sip.contoso.com" })]
    [InlineData("tbxml", true, new[] { "access.contoso.com", "sip.contoso.com", "sip.fabrikam.com", "sip.litware.net" })]
    public void AccessEdgeExternalIsTheAccessEdgeFqdnReplicatedThenSipNames(string form, bool allSipDomain, string[] san)
    {
        NamingPlan plan = Plan(form, "edge02.contoso.com", CertType.AccessEdgeExternal, allSipDomain: allSipDomain);

        Assert.Equal("access.contoso.com", plan.SubjectName);
        Assert.Equal(san, plan.AlternativeNames);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void DataEdgeExternalAloneIsTheDataEdgeFqdn(string form)
    {
        NamingPlan plan = Plan(form, "edge02.contoso.com", CertType.DataEdgeExternal);

        Assert.Equal("webconf.contoso.com", plan.SubjectName);
        Assert.Equal(new[] { "webconf.contoso.com" }, plan.AlternativeNames);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void DataEdgeExternalWithAccessEdgeTakesTheAccessEdgeSubject(string form)
    {
        NamingPlan plan = Plan(form, "edge02.contoso.com", new[] { CertType.DataEdgeExternal, CertType.AccessEdgeExternal });

        Assert.Equal("access.contoso.com", plan.SubjectName);
        Assert.Equal(new[] { "access.contoso.com", "sip.contoso.com", "webconf.contoso.com" }, plan.AlternativeNames);
        Assert.Equal(new[] { CertType.DataEdgeExternal, CertType.AccessEdgeExternal }, plan.Types);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void AudioVideoAuthenticationAloneIsThePoolAndWarnsAboutTheAvFqdn(string form)
    {
        NamingPlan plan = Plan(form, "edge01.contoso.com", CertType.AudioVideoAuthentication);

        Assert.Equal("edgepool.contoso.com", plan.SubjectName);
        Assert.Equal(new[] { "edgepool.contoso.com" }, plan.AlternativeNames);
        Assert.Contains(plan.Warnings, w => w.Contains("av.contoso.com") && w.Contains("-DomainName"));
    }

    [Theory]
    [InlineData("published", CertType.AccessEdgeExternal, CertType.DataEdgeExternal, CertType.AudioVideoAuthentication)]
    [InlineData("tbxml", CertType.External)]
    public void TheCombinedExternalEdgeCertificate(string form, params CertType[] types)
    {
        NamingPlan plan = Plan(form, "edge01.contoso.com", types);

        Assert.Equal("access.contoso.com", plan.SubjectName);
        Assert.Equal(new[] { "access.contoso.com", "sip.contoso.com", "webconf.contoso.com" }, plan.AlternativeNames);
        Assert.DoesNotContain("av.contoso.com", plan.AlternativeNames);
        Assert.Single(plan.Warnings, w => w.Contains("av.contoso.com"));
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void ASingleEdgeWithOneFqdnNeedsNoAvWarning(string form)
    {
        NamingPlan plan = Plan(form, "sfbedge.contoso.com", CertType.External, allSipDomain: true);

        Assert.Equal("sip.contoso.com", plan.SubjectName);
        Assert.Equal(new[] { "sip.contoso.com", "sip.fabrikam.com", "sip.litware.net" }, plan.AlternativeNames);
        Assert.Empty(plan.Warnings);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void AudioVideoAuthenticationWithDataEdgeAloneNeedsTwoSubjectsAndIsRefused(string form)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Plan(form, "edge01.contoso.com", new[] { CertType.DataEdgeExternal, CertType.AudioVideoAuthentication }));

        Assert.Equal(ErrorIds.SubjectNameMismatch, ex.ErrorId);
        Assert.Contains("DataEdgeExternal: \"webconf.contoso.com\"", ex.Message);
        Assert.Contains("AudioVideoAuthentication: \"access.contoso.com\"", ex.Message);
        Assert.Contains("separately", ex.Message);
    }

    [Theory]
    [InlineData("published", false)]
    [InlineData("tbxml", true)]
    public void XmppServerAddsXmppAndWildcardNamesPerDomain(string form, bool allSipDomain)
    {
        NamingPlan plan = Plan(form, "edge01.contoso.com", CertType.XmppServer, allSipDomain: allSipDomain);

        string[] domains = allSipDomain ? new[] { "contoso.com", "fabrikam.com", "litware.net" } : new[] { "contoso.com" };
        Assert.Equal("access.contoso.com", plan.SubjectName);
        Assert.Equal(
            new[] { "access.contoso.com" }.Concat(domains.Select(d => "sip." + d)).Concat(domains.SelectMany(d => new[] { "xmpp." + d, "*." + d })),
            plan.AlternativeNames);
    }

    [Theory]
    [InlineData("published", "ee01.contoso.com")]
    [InlineData("tbxml", "dir02.contoso.com")]
    public void OAuthTokenIssuerIsTheDefaultSipDomain(string form, string computer)
    {
        NamingPlan plan = Plan(form, computer, CertType.OAuthTokenIssuer, domainName: computer, allSipDomain: true);

        Assert.Equal("contoso.com", plan.SubjectName);
        Assert.Equal(new[] { computer, "contoso.com" }, plan.AlternativeNames);
        Assert.Empty(plan.Warnings);
    }

    [Theory]
    [InlineData(KeyAlgorithmIdentifier.RSA, 1024, true)]
    [InlineData(KeyAlgorithmIdentifier.RSA, 2048, false)]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P256, 2048, false)]
    public void OAuthTokenIssuerWarnsAboutSmallRsaKeys(KeyAlgorithmIdentifier algorithm, int size, bool warns)
    {
        NamingPlan plan = NamingAnalyzer.Analyze(s_forms["tbxml"], "ee01.contoso.com", new[] { CertType.OAuthTokenIssuer }, new NamingOptions(false, Array.Empty<string>(), algorithm, size));

        Assert.Equal(warns, plan.Warnings.Any(w => w.Contains("2048")));
    }

    [Theory]
    [InlineData("published", CertType.iPhoneAPNService, "ee01.contoso.com", "eepool.contoso.com")]
    [InlineData("tbxml", CertType.iPadAPNService, "ee02.contoso.com", "eepool.contoso.com")]
    [InlineData("published", CertType.MPNService, "dir01.contoso.com", "dirpool.contoso.com")]
    [InlineData("tbxml", CertType.WsFedTokenTransfer, "dir02.contoso.com", "dirpool.contoso.com")]
    [InlineData("published", CertType.UserDefined, "se01.contoso.com", "se01.contoso.com")]
    public void TypesWithoutADocumentedRuleUseTheDefaultRuleAndWarn(string form, CertType type, string computer, string pool)
    {
        NamingPlan plan = Plan(form, computer, type);

        Assert.Equal(pool, plan.SubjectName);
        Assert.Equal(new[] { pool, computer }.Distinct(StringComparer.OrdinalIgnoreCase), plan.AlternativeNames);
        string warning = Assert.Single(plan.Warnings);
        Assert.Contains(type.ToString(), warning);
        Assert.Contains("-DomainName", warning);
    }

    [Theory]
    [InlineData(CertType.PICWebService)]
    [InlineData(CertType.ProvisionService)]
    public void LyncOnlineTypesAreRefusedAsNotSupported(CertType type)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Plan("tbxml", "ee01.contoso.com", new[] { CertType.Default, type }));

        Assert.Equal(ErrorIds.CertTypeNotSupported, ex.ErrorId);
        Assert.Equal(ErrorKind.NotSupported, ex.Kind);
    }

    [Theory]
    [InlineData("ee01.contoso.com", CertType.Internal, "Front End")]
    [InlineData("dir01.contoso.com", CertType.AccessEdgeExternal, "Director")]
    [InlineData("med01.contoso.com", CertType.WebServicesInternal, "Mediation")]
    [InlineData("med01.contoso.com", CertType.OAuthTokenIssuer, "Mediation")]
    [InlineData("edge01.contoso.com", CertType.Default, "Edge")]
    [InlineData("edge01.contoso.com", CertType.WebServicesExternal, "Edge")]
    [InlineData("sql01.contoso.com", CertType.Default, "supporting-server")]
    public void TypesTheRoleDoesNotNeedAreRefusedInTheProductsWords(string computer, CertType type, string role)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Plan("tbxml", computer, type));

        Assert.Equal(ErrorIds.CertTypeNotApplicable, ex.ErrorId);
        Assert.StartsWith($"The computer \"{computer}\" does not need a certificate of type \"{type}\"", ex.Message);
        Assert.Contains(role, ex.Message);
    }

    [Fact]
    public void DomainNamesComeFirstAndTheFirstSpellingWins()
    {
        NamingPlan plan = Plan("tbxml", "ee01.contoso.com", new[] { CertType.WebServicesExternal, CertType.Default }, domainName: " EEPOOL.contoso.com, ,extra.contoso.com,eeweb.CONTOSO.com ");

        Assert.Equal(
            new[] { "EEPOOL.contoso.com", "extra.contoso.com", "eeweb.CONTOSO.com", "ee01.contoso.com" }.Concat(s_simpleUrlsExternal).Append("Lyncdiscover.contoso.com"),
            plan.AlternativeNames);
        Assert.Equal(new[] { CertType.WebServicesExternal, CertType.Default }, plan.Types);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("tbxml")]
    public void DefaultAndOAuthTokenIssuerNeedDifferentSubjects(string form)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Plan(form, "ee01.contoso.com", new[] { CertType.Default, CertType.OAuthTokenIssuer }));

        Assert.Equal(ErrorIds.SubjectNameMismatch, ex.ErrorId);
        Assert.Contains("Default: \"eepool.contoso.com\"", ex.Message);
        Assert.Contains("OAuthTokenIssuer: \"contoso.com\"", ex.Message);
    }

    [Fact]
    public void WithoutSimpleUrlsItAddsNoMeetDialinOrAdminNamesAndWarns()
    {
        DeploymentTopology topology = TestTopologies.Load(s_contoso.Published());

        NamingPlan plan = NamingAnalyzer.Analyze(topology, "ee01.contoso.com", new[] { CertType.WebServicesInternal }, Options());

        Assert.Equal(new[] { "eeweb-int.contoso.com", "eepool.contoso.com", "ee01.contoso.com", "LyncdiscoverInternal.contoso.com" }, plan.AlternativeNames);
        string warning = Assert.Single(plan.Warnings);
        Assert.Contains("simple URL", warning);
        Assert.Contains("-TopologyPath", warning);
    }

    [Fact]
    public void UsesThePoolFqdnForEdgeServicesTheTopologyGivesNoName()
    {
        DeploymentTopology topology = TestTopologies.Load(
            new TopologyDocumentBuilder("contoso.com").Edge("edge.contoso.com", new[] { "edge.contoso.com" }, null, "data.contoso.com", null).Published());

        NamingPlan plan = NamingAnalyzer.Analyze(topology, "edge.contoso.com", new[] { CertType.AccessEdgeExternal }, Options());

        Assert.Equal("edge.contoso.com", plan.SubjectName);
        Assert.Contains(plan.Notes, n => n.Contains("AccessEdge") && n.Contains("edge.contoso.com"));
    }

    [Theory]
    [InlineData("published", "EE02.CONTOSO.COM", "ee02.contoso.com")]
    [InlineData("tbxml", "ee02", "ee02.contoso.com")]
    [InlineData("tbxml", "se01.contoso.com", "se01.contoso.com")]
    public void FindsTheComputerByItsFqdnInAnyCaseOrByItsHostName(string form, string given, string found)
    {
        NamingPlan plan = Plan(form, given, CertType.Default);

        Assert.Equal(found, plan.ComputerFqdn);
        Assert.Contains(found, plan.AlternativeNames);
    }

    [Fact]
    public void ThePoolFqdnOfSeveralServersNamesThemAndAsksForOne()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Plan("tbxml", "eepool.contoso.com", CertType.Default));

        Assert.Equal(ErrorIds.ComputerAmbiguous, ex.ErrorId);
        Assert.Contains("ee01.contoso.com (pool eepool.contoso.com), ee02.contoso.com (pool eepool.contoso.com), ee03.contoso.com (pool eepool.contoso.com)", ex.Message);
    }

    [Fact]
    public void AnUnknownComputerNamesTheTopologyAndTheName()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Plan("tbxml", "fe09.contoso.com", CertType.Default));

        Assert.Equal(ErrorIds.ComputerNotInTopology, ex.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, ex.Kind);
        Assert.Contains("\"fe09.contoso.com\"", ex.Message);
        Assert.Contains("document1", ex.Message);
        Assert.Equal("fe09.contoso.com", ex.Target);
    }

    internal static NamingOptions Options(string? domainName = null, bool allSipDomain = false) =>
        new NamingOptions(allSipDomain, NamingOptions.SplitDomainNames(domainName), KeyAlgorithmIdentifier.RSA, 2048);

    private static NamingPlan Plan(string form, string computer, CertType type, string? domainName = null, bool allSipDomain = false) =>
        Plan(form, computer, new[] { type }, domainName, allSipDomain);

    private static NamingPlan Plan(string form, string computer, CertType[] types, string? domainName = null, bool allSipDomain = false) =>
        NamingAnalyzer.Analyze(s_forms[form], computer, types, Options(domainName, allSipDomain));
}
