// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Xunit;

namespace CsCertificate.Tests.Topology;

public sealed class TopologyLoaderTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();

    public void Dispose() => _temp.Dispose();

    [SharedFixtureFact]
    public void ReadsThePublishedUtf16TopologyWithItsEdge()
    {
        DeploymentTopology topology = TestTopologies.LoadFiles(SharedFixtures.Topology("se-edge-utf16-johanveldhuis.xml"));

        Assert.Equal("contoso.com", topology.DefaultDomain);
        Assert.Equal(new[] { "contoso.com" }, topology.SipDomains);
        TopologyPool fe = topology.Pools.Single(p => p.Fqdn == "S4BLab92-FE1.contoso.com");
        Assert.Equal(PoolRole.FrontEnd, fe.Role);
        Assert.Equal("rp1.contoso.com", fe.WebExternalHost);
        TopologyPool edge = topology.Pools.Single(p => p.Fqdn == "S4BLab92-ES1.contoso.com");
        Assert.Equal(PoolRole.Edge, edge.Role);
        Assert.Equal("sip.contoso.com", edge.AccessEdgeExternalFqdn);
        Assert.Equal("sip.contoso.com", edge.DataEdgeExternalFqdn);
        Assert.Equal("sip.contoso.com", edge.MediaRelayEdgeExternalFqdn);
        Assert.Equal(PoolRole.None, topology.Pools.Single(p => p.Fqdn == "S4BLab92-WAC1").Role);
        Assert.False(topology.HasSimpleUrlConfiguration);
    }

    [SharedFixtureFact]
    public void ReadsTheTopologyBuilderFileWithItsPoolsAndSimpleUrls()
    {
        DeploymentTopology topology = TestTopologies.LoadFiles(SharedFixtures.Topology("ee-edge-pools-automatedlab.tbxml"));

        TopologyPool fe = topology.Pools.Single(p => p.Fqdn == "frontendpool.contoso.com");
        Assert.Equal(PoolRole.FrontEnd, fe.Role);
        Assert.Equal(new[] { "xfrontend1.contoso.com", "xfrontend2.contoso.com", "xfrontend3.contoso.com", "xfrontend4.contoso.com" }, fe.Machines);
        TopologyPool edge = topology.Pools.Single(p => p.Fqdn == "edgepool.contoso.com");
        Assert.Equal(PoolRole.Edge, edge.Role);
        Assert.Equal(3, edge.Machines.Count);
        Assert.Equal("ExternalEdge.contoso.com", edge.AccessEdgeExternalFqdn);
        Assert.Equal(new[] { "xOffice1.contoso.com" }, topology.Pools.Single(p => p.Fqdn == "xOffice1.contoso.com").Machines);
        Assert.True(topology.HasSimpleUrlConfiguration);
        Assert.Equal(new[] { "Dialin", "Meet" }, topology.SimpleUrls.Select(u => u.Component));
    }

    [SharedFixtureFact]
    public void ReadsTheEnterprisePoolTopology()
    {
        DeploymentTopology topology = TestTopologies.LoadFiles(SharedFixtures.Topology("ee-pool-rlevchenko.xml"));

        TopologyPool pool = topology.Pools.Single(p => p.Role == PoolRole.FrontEnd);
        Assert.Equal("poolfe.tenant.rlevchenko.com", pool.Fqdn);
        Assert.Contains("SKYPE-FE-01.tenant.rlevchenko.com", pool.Machines, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-32le-bom")]
    public void ReadsEveryEncodingAWindowsToolWrites(string encoding)
    {
        string xml = new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }).Published().ToString();
        byte[] bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(xml),
            "utf-8-bom" => new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(xml)).ToArray(),
            "utf-16le-bom" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray(),
            "utf-16be-bom" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(xml)).ToArray(),
            "utf-32le-bom" => Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes(xml)).ToArray(),
            _ => Encoding.Unicode.GetBytes(xml),
        };

        DeploymentTopology topology = TestTopologies.LoadFiles(_temp.Write("topology.xml", bytes));

        Assert.Equal("pool.contoso.com", topology.Pools.Single().Fqdn);
    }

    [Fact]
    public void IgnoresAnEncodingDeclarationThatDisagreesWithTheBytes()
    {
        string xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n" + new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }).Published();

        DeploymentTopology topology = TestTopologies.LoadFiles(_temp.Write("declared.xml", Encoding.UTF8.GetBytes(xml)));

        Assert.Equal("contoso.com", topology.DefaultDomain);
    }

    [Fact]
    public void RefusesADtdAndNamesTheFileAndLine()
    {
        string path = _temp.Write(
            "xxe.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE Topology [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">&x;</Topology>");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(path));

        Assert.Equal(ErrorIds.TopologyInvalid, ex.ErrorId);
        Assert.Contains(path, ex.Message);
        Assert.True(ex.Message.Contains("line 2"), ex.Message);
        Assert.Contains("DTD", ex.Message);
        Assert.DoesNotContain("root:", ex.Message);
    }

    [Fact]
    public void RefusesEntityExpansion()
    {
        string path = _temp.Write(
            "laughs.xml",
            "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n<lolz>&lol2;</lolz>");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(path));

        Assert.Equal(ErrorIds.TopologyInvalid, ex.ErrorId);
    }

    [Fact]
    public void NamesTheFileAndLineOfMalformedXml()
    {
        string path = _temp.Write("broken.xml", "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">\n  <InternalDomains>\n</Topology>");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(path));

        Assert.Equal(ErrorIds.TopologyInvalid, ex.ErrorId);
        Assert.Contains(path, ex.Message);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void ReportsTheXmlErrorOfADocumentCutMidCharacter()
    {
        // Malformed before the root element, and cut in the middle of a UTF-8 sequence at the very end, which the
        // XML reader never reached: the XML error is what the user must fix.
        byte[] bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<Topology <\n").Concat(new byte[] { 0xCC }).ToArray();
        string path = _temp.Write("broken-then-binary.xml", bytes);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(path));

        Assert.Equal(ErrorIds.TopologyInvalid, ex.ErrorId);
        Assert.True(ex.Message.Contains("line 2"), ex.Message);
        Assert.DoesNotContain("DTD", ex.Message);
    }

    [Fact]
    public void RefusesAnUnrecognisedDocumentByItsRootElement()
    {
        string path = _temp.Write("other.xml", "<Configuration><Item/></Configuration>");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(path));

        Assert.Equal(ErrorIds.TopologyInvalid, ex.ErrorId);
        Assert.Contains("{}Configuration", ex.Message);
    }

    [Fact]
    public void RefusesDeepNesting()
    {
        string xml = string.Concat(Enumerable.Repeat("<a>", 200)) + string.Concat(Enumerable.Repeat("</a>", 200));

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(_temp.Write("deep.xml", xml)));

        Assert.Contains("levels deep", ex.Message);
    }

    [Fact]
    public void ReportsAMissingFile()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(_temp.File("missing.xml")));

        Assert.Equal(ErrorIds.TopologyFileNotFound, ex.ErrorId);
    }

    [Fact]
    public void TakesSimpleUrlsFromASeparateDocumentAfterTheTopology()
    {
        var builder = new TopologyDocumentBuilder("contoso.com")
            .FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" })
            .SimpleUrl("Meet", "contoso.com", "https://meet.contoso.com")
            .SimpleUrl("Cscp", "*", "https://admin.contoso.com");

        DeploymentTopology topology = TestTopologies.Load(builder.Published(), builder.SimpleUrlDocument());

        Assert.True(topology.HasSimpleUrlConfiguration);
        Assert.Equal(new[] { "https://meet.contoso.com", "https://admin.contoso.com" }, topology.SimpleUrls.Select(u => u.ActiveUrl));
    }

    [Fact]
    public void ReadsTopologyAndSimpleUrlsFromAnExportZipWhateverTheEntriesAreCalled()
    {
        var builder = new TopologyDocumentBuilder("contoso.com")
            .FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" })
            .SimpleUrl("Dialin", "*", "https://dialin.contoso.com");
        string zip = _temp.File("config.zip");
        using (ZipArchive archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Add(archive, "DocItemSet.xml", "<DocItemSet><Item/></DocItemSet>");
            Add(archive, "Docs/1.xml", builder.Published().ToString());
            Add(archive, "Docs/2.xml", "<AnchoredXml xmlns=\"urn:schema:Microsoft.Rtc.Management.ScopeFramework.2008\"><Value>" + builder.SimpleUrlDocument().Root + "</Value></AnchoredXml>");
            Add(archive, "readme.txt", "not xml");
        }

        DeploymentTopology topology = TestTopologies.LoadFiles(zip);

        Assert.Equal("pool.contoso.com", topology.Pools.Single().Fqdn);
        Assert.Equal("https://dialin.contoso.com", topology.SimpleUrls.Single().ActiveUrl);
        Assert.Contains("config.zip!Docs/1.xml", topology.Source);
    }

    [Fact]
    public void RefusesTwoDifferentTopologiesNamingBoth()
    {
        string a = _temp.Write("a.xml", new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" }).Published("11111111-1111-1111-1111-111111111111").ToString());
        string b = _temp.Write("b.xml", new TopologyDocumentBuilder("fabrikam.com").FrontEnd("pool.fabrikam.com", new[] { "fe1.fabrikam.com" }).Published("22222222-2222-2222-2222-222222222222").ToString());

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(a, b));

        Assert.Equal(ErrorIds.TopologyConflict, ex.ErrorId);
        Assert.Contains(a, ex.Message);
        Assert.Contains(b, ex.Message);
    }

    [Fact]
    public void AcceptsTheSameTopologyTwice()
    {
        var builder = new TopologyDocumentBuilder("contoso.com").FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com" });
        string published = _temp.Write("published.xml", builder.Published().ToString());
        string tbxml = _temp.Write("builder.tbxml", builder.TopologyBuilderFile().ToString());

        DeploymentTopology topology = TestTopologies.LoadFiles(published, tbxml);

        Assert.Equal("pool.contoso.com", topology.Pools.Single().Fqdn);
    }

    [Fact]
    public void RefusesSimpleUrlsWithoutATopology()
    {
        var builder = new TopologyDocumentBuilder("contoso.com").SimpleUrl("Meet", "contoso.com", "https://meet.contoso.com");
        string path = _temp.Write("urls.xml", builder.SimpleUrlDocument().ToString());

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(path));

        Assert.Equal(ErrorIds.TopologyNotFound, ex.ErrorId);
    }

    [UnixFact]
    public void RefusesAFifoWithoutOpeningIt()
    {
        string fifo = SpecialFiles.Fifo(_temp.File("topology.xml"));
        using Process writer = SpecialFiles.EndlessWriter(fifo);
        try
        {
            CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(fifo));

            Assert.Equal(ErrorIds.TopologyFileNotRegular, ex.ErrorId);
            Assert.Contains(fifo, ex.Message);
            Assert.Contains("FIFO", ex.Message);
            Assert.False(writer.HasExited, "nobody opened the FIFO, so its writer still waits");
        }
        finally
        {
            writer.Kill(entireProcessTree: true);
        }
    }

    [UnixFact]
    public void RefusesADeviceAndALinkToOne()
    {
        string link = _temp.File("null.xml");
        File.CreateSymbolicLink(link, "/dev/null");

        foreach (string path in new[] { "/dev/null", link })
        {
            CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(path));

            Assert.Equal(ErrorIds.TopologyFileNotRegular, ex.ErrorId);
            Assert.Contains("character device", ex.Message);
        }
    }

    [Fact]
    public void RefusesAFolder()
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TestTopologies.LoadFiles(_temp.Path));

        Assert.Equal(ErrorIds.TopologyFileNotRegular, ex.ErrorId);
        Assert.Contains("folder", ex.Message);
    }

    [Fact]
    public void StopsReadingAnInputThatNeverEndsAtTheBound()
    {
        // A regular file that claims no length, as files in /proc do, and streams without end.
        var input = TopologyInput.FromStream("endless.xml", () => new EndlessDocument(), isFile: true);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => TopologyLoader.Load(new[] { input }));

        Assert.Equal(ErrorIds.TopologyInvalid, ex.ErrorId);
        Assert.Contains("endless.xml", ex.Message);
        Assert.Contains(TopologyLoader.MaxFileBytes.ToString(CultureInfo.InvariantCulture), ex.Message);
    }

    private static void Add(ZipArchive archive, string name, string content)
    {
        using Stream stream = archive.CreateEntry(name).Open();
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>"&lt;Topology&gt;" and then spaces for ever; seekable, with a length of 0.</summary>
    private sealed class EndlessDocument : Stream
    {
        private static readonly byte[] s_start = Encoding.ASCII.GetBytes("<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\">");

        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => 0;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                long at = _position + i;
                buffer[offset + i] = at < s_start.Length ? s_start[at] : (byte)' ';
            }

            _position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin == SeekOrigin.Begin ? offset : _position + offset;

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
