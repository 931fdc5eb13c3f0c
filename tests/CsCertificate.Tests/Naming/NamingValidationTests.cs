// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Linq;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Naming;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Xunit;

namespace CsCertificate.Tests.Naming;

/// <summary>The validation rules of docs/design/naming.md, each refused with its own error id.</summary>
public sealed class NamingValidationTests
{
    private static readonly string s_longPool = new string('p', 64 - ".contoso.com".Length + 1) + ".contoso.com";
    private static readonly string s_longestPool = new string('p', 64 - ".contoso.com".Length) + ".contoso.com";

    private static readonly DeploymentTopology s_topology = TestTopologies.Load(
        new TopologyDocumentBuilder("contoso.com")
            .FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com", "fe2.contoso.com" })
            .FrontEnd(s_longPool, new[] { "long1.contoso.com" })
            .FrontEnd(s_longestPool, new[] { "longest1.contoso.com" })
            .FrontEnd("bücher.contoso.com", new[] { "idn1.contoso.com" })
            .Edge("edge.contoso.com", new[] { "edge1.contoso.com" }, "*.contoso.com", "data.contoso.com", "av.contoso.com")
            .FrontEnd("web01.contoso.com", new[] { "web01.contoso.com" })
            .FrontEnd("web01.fabrikam.com", new[] { "web01.fabrikam.com" })
            .FrontEnd("badweb.contoso.com", new[] { "badweb1.contoso.com" }, webExternal: "web_ext.contoso.com")
            .FrontEnd("idnweb.contoso.com", new[] { "idnweb1.contoso.com" }, webExternal: "wéb.contoso.com")
            .Edge("ipedge.contoso.com", new[] { "ipedge1.contoso.com" }, "203.0.113.10", "data.contoso.com", "av.contoso.com")
            .FrontEnd("se01.contoso.com", new[] { "se01.contoso.com" })
            .Published());

    [Fact]
    public void RefusesAWildcardSubjectName()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("edge1.contoso.com", CertType.AccessEdgeExternal));

        Assert.Equal(ErrorIds.InvalidSubjectName, ex.ErrorId);
        Assert.Contains("*.contoso.com", ex.Message);
    }

    [Fact]
    public void RefusesASubjectNameOf65CharactersAndAcceptsOneOf64()
    {
        Assert.Equal(65, s_longPool.Length);
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("long1.contoso.com", CertType.Default));

        Assert.Equal(ErrorIds.InvalidSubjectName, ex.ErrorId);
        Assert.Contains("64", ex.Message);
        Assert.Equal(s_longestPool, Analyze("longest1.contoso.com", CertType.Default).SubjectName);
    }

    [Fact]
    public void RefusesAnInternationalizedNameFromTheTopology()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("idn1.contoso.com", CertType.Default));

        Assert.Equal(ErrorIds.InternationalizedName, ex.ErrorId);
        Assert.Contains("IDN", ex.Message);
    }

    [Theory]
    [InlineData("bücher.contoso.com", ErrorIds.InternationalizedName)]
    [InlineData("meet*.contoso.com", ErrorIds.InvalidDomainName)]
    [InlineData("*.com", ErrorIds.InvalidDomainName)]
    [InlineData("a.*.contoso.com", ErrorIds.InvalidDomainName)]
    [InlineData("under_score.contoso.com", ErrorIds.InvalidDomainName)]
    [InlineData("-dash.contoso.com", ErrorIds.InvalidDomainName)]
    [InlineData("two..dots.contoso.com", ErrorIds.InvalidDomainName)]
    [InlineData("https://meet.contoso.com", ErrorIds.InvalidDomainName)]
    public void RefusesAnInvalidDomainNameEntry(string entry, string errorId)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("fe1.contoso.com", CertType.Default, entry));

        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(entry, ex.Target);
        Assert.Contains(entry, ex.Message);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("[10.0.0.1]")]
    [InlineData("2001:db8::1")]
    [InlineData("[2001:db8::1]")]
    [InlineData("::1")]
    [InlineData("10.1")]
    public void RefusesAnIpAddressInDomainNameNamingTheEntry(string entry)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("fe1.contoso.com", CertType.Default, "meet.contoso.com," + entry));

        Assert.Equal(ErrorIds.InvalidDomainName, ex.ErrorId);
        Assert.Equal(entry, ex.Target);
        Assert.Contains("\"" + entry + "\"", ex.Message);
        Assert.Contains("IP address", ex.Message);
    }

    [Fact]
    public void RefusesAnIpAddressFromTheTopology()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("ipedge1.contoso.com", CertType.AccessEdgeExternal));

        Assert.Equal(ErrorIds.InvalidSubjectName, ex.ErrorId);
        Assert.Contains("203.0.113.10", ex.Message);
        Assert.Contains("IP address", ex.Message);
    }

    [Theory]
    [InlineData("123.contoso.com")]
    [InlineData("1st.contoso.com")]
    [InlineData("10.0.0.1.contoso.com")]
    public void AcceptsNamesWithNumericLabels(string entry)
    {
        Assert.Contains(entry, Analyze("fe1.contoso.com", CertType.Default, entry).AlternativeNames);
    }

    [Theory]
    [InlineData("badweb1.contoso.com", ErrorIds.InvalidDomainName)]
    [InlineData("idnweb1.contoso.com", ErrorIds.InternationalizedName)]
    public void BlamesABadNameOnTheTypeThatProducedIt(string computer, string errorId)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() =>
            NamingAnalyzer.Analyze(s_topology, computer, new[] { CertType.Default, CertType.WebServicesExternal }, NamingDecisionTableTests.Options()));

        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains("\"WebServicesExternal\"", ex.Message);
        Assert.DoesNotContain("\"Default\"", ex.Message);
    }

    [Fact]
    public void ListsTheNamesOfEachTypeOnceInItsNote()
    {
        NamingPlan plan = Analyze("se01.contoso.com", CertType.Default);

        Assert.Contains("Default: Subject name \"se01.contoso.com\"; alternative names: se01.contoso.com.", plan.Notes);
    }

    [Theory]
    [InlineData("atl-edge-001")]
    [InlineData("*.contoso.com")]
    [InlineData("sip.fabrikam.com")]
    public void AcceptsShortHostNamesAndLeftmostWildcardsInDomainName(string entry)
    {
        Assert.Contains(entry, Analyze("fe1.contoso.com", CertType.Default, entry).AlternativeNames);
    }

    [Fact]
    public void RefusesAHugeDomainNameList()
    {
        string names = string.Join(",", Enumerable.Range(1, NamingAnalyzer.MaxAlternativeNames + 1).Select(i => $"name{i}.contoso.com"));

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("fe1.contoso.com", CertType.Default, names));

        Assert.Equal(ErrorIds.InvalidDomainName, ex.ErrorId);
    }

    [Fact]
    public void AsksWhichServerAShortNameMeansWhenSeveralShareIt()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Analyze("web01", CertType.Default));

        Assert.Equal(ErrorIds.ComputerAmbiguous, ex.ErrorId);
        Assert.Contains("web01.contoso.com", ex.Message);
        Assert.Contains("web01.fabrikam.com", ex.Message);
    }

    [Theory]
    [InlineData("fe_1.contoso.com", ErrorIds.InvalidDomainName)]
    [InlineData("fé1.contoso.com", ErrorIds.InternationalizedName)]
    public void RefusesAnInvalidComputerName(string computer, string errorId)
    {
        Assert.Equal(errorId, Assert.Throws<CsCertificateException>(() => Analyze(computer, CertType.Default)).ErrorId);
    }

    private static NamingPlan Analyze(string computer, CertType type, string? domainName = null) =>
        NamingAnalyzer.Analyze(s_topology, computer, new[] { type }, NamingDecisionTableTests.Options(domainName));
}
