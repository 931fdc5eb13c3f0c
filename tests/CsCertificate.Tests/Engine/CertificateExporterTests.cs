// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Keys;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Store;
using CsCertificate.Tests.CaClient.Adcs;
using CsCertificate.Tests.TestInfrastructure;
using Moq;
using Xunit;

namespace CsCertificate.Tests.Engine;

/// <summary>
/// What Export-CsCertificate writes for an issued request, and that each refusal has its own id and writes nothing.
/// The certificate store is a fake that holds the certificate of a test PKI with its key.
/// </summary>
public sealed class CertificateExporterTests : IDisposable
{
    private const string Thumbprint = "16FAB71B6B395551A0DEE5051F6E069E7D618A06";
    private static readonly TestPki s_pki = new TestPki();

    private readonly TempFolder _temp = new TempFolder();
    private readonly RequestStore _store;
    private readonly Mock<ICertificateInstaller> _installer = new Mock<ICertificateInstaller>(MockBehavior.Strict);
    private readonly CertificateExporter _exporter;
    private readonly OperationLog _log = new OperationLog("Export-CsCertificate", () => DateTime.UtcNow);
    private readonly List<string> _verbose = new List<string>();
    private readonly string _out;

    public CertificateExporterTests()
    {
        _store = new RequestStore(_temp.File("home"));
        _exporter = new CertificateExporter(_store, _installer.Object);
        _log.VerboseWritten += _verbose.Add;
        _out = _temp.File("out");
        Directory.CreateDirectory(_out);
        _installer.SetupGet(i => i.EnforcesNonExportableKeys).Returns(false);
        _installer.Setup(i => i.ReadWithKey(Thumbprint)).Returns(new Pkcs12Content(s_pki.LeafKeyInfo, s_pki.Leaf.GetEncoded(), Array.Empty<byte[]>(), null));
    }

    private static char[] Password => "Zq7-export-5519".ToCharArray();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WritesAPfxWithTheKeyTheCertificateTheChainTheCaReturnedAndTheFriendlyName()
    {
        RequestRecord record = Issued(chain: new[] { s_pki.Root.GetEncoded(), s_pki.Intermediate.GetEncoded() });
        string path = Path.Combine(_out, "pool.pfx");

        IReadOnlyList<string> written = Export(new ExportOptions { RequestId = record.RequestId, Path = path });

        Assert.Equal(new[] { path }, written);
        Pkcs12Content read = Pkcs12Content.Read(File.ReadAllBytes(path), Password);
        Assert.Equal(s_pki.Leaf.GetEncoded(), read.Certificate);
        Assert.Equal(new[] { s_pki.Intermediate.GetEncoded(), s_pki.Root.GetEncoded() }, read.Chain);
        Assert.Equal(s_pki.LeafKeyInfo.GetDerEncoded(), read.Key.GetDerEncoded());
        Assert.Equal("Litware Front End", read.FriendlyName);
        Assert.Contains(_verbose, v => v.Contains("the chain has 2 certificates: CN=Litware Test Issuing CA; CN=Litware Test Root"));
    }

    [Fact]
    public void NamesTheFileAfterTheRequestIdAndSubjectCnWhenPathIsAFolder()
    {
        RequestRecord record = Issued();

        IReadOnlyList<string> written = Export(new ExportOptions { RequestId = record.RequestId, Path = _out });

        Assert.Equal(Path.Combine(_out, record.RequestId + "-atl-cs-001.litwareinc.com.pfx"), Assert.Single(written));
        Assert.True(File.Exists(written[0]));
    }

    [Fact]
    public void TakesTheIssuersFromTheCaStoreForARequestIssuedBeforeChainsWereKept()
    {
        RequestRecord record = Issued(chain: null);
        _installer.Setup(i => i.ReadWithKey(Thumbprint)).Returns(new Pkcs12Content(s_pki.LeafKeyInfo, s_pki.Leaf.GetEncoded(), new[] { s_pki.Intermediate.GetEncoded() }, null));
        string path = Path.Combine(_out, "old.pfx");

        Export(new ExportOptions { RequestId = record.RequestId, Path = path });

        Assert.Equal(new[] { s_pki.Intermediate.GetEncoded() }, Pkcs12Content.Read(File.ReadAllBytes(path), Password).Chain);
        Assert.Contains(_verbose, v => v.Contains("issued before the module kept the chain"));
    }

    [Fact]
    public void WritesTheCertificateAloneWithEndEntityCertOnly()
    {
        RequestRecord record = Issued(chain: new[] { s_pki.Intermediate.GetEncoded() });
        string path = Path.Combine(_out, "alone.pfx");

        Export(new ExportOptions { RequestId = record.RequestId, Path = path, Chain = ExportChainOption.EndEntityCertOnly });

        Assert.Empty(Pkcs12Content.Read(File.ReadAllBytes(path), Password).Chain);
    }

    [OpensslFact]
    public void WritesPemCertificatesThenChainAndAKeyReadableByItsOwnerOnlyEvenOverAnOpenFile()
    {
        RequestRecord record = Issued(chain: new[] { s_pki.Intermediate.GetEncoded() });
        string certificates = Path.Combine(_out, "pool.pem");
        string key = Path.Combine(_out, "pool.key");
        File.WriteAllText(key, "an old key file, readable by all");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(key, (UnixFileMode)0x1A4); // 0644
        }

        IReadOnlyList<string> written = Export(new ExportOptions { RequestId = record.RequestId, Path = certificates, KeyPath = key, Force = true }, password: null);

        Assert.Equal(new[] { certificates, key }, written);
        string text = File.ReadAllText(certificates);
        Assert.Equal(2, text.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        Assert.Contains("subject=CN=atl-cs-001.litwareinc.com", OpenSsl.Run("x509", "-in", certificates, "-noout", "-subject", "-nameopt", "RFC2253"));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", File.ReadAllText(key));
        Assert.Equal(OpenSsl.Run("x509", "-in", certificates, "-noout", "-pubkey"), OpenSsl.Run("pkey", "-in", key, "-pubout"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(key));
        }
    }

    [OpensslFact]
    public void EncryptsThePemKeyWithAes256WhenAPasswordIsGiven()
    {
        RequestRecord record = Issued();
        string key = Path.Combine(_out, "pool.key");

        Export(new ExportOptions { RequestId = record.RequestId, Path = Path.Combine(_out, "pool.pem"), KeyPath = key });

        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n", File.ReadAllText(key));
        Assert.Contains("aes-256-cbc", OpenSsl.RunCapturing("asn1parse", "-in", key).Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("BEGIN PRIVATE KEY", OpenSsl.Run("pkey", "-in", key, "-passin", "pass:" + new string(Password)));
    }

    [Fact]
    public void RefusesARequestThatIsNotIssuedAndWritesNothing()
    {
        RequestRecord record = Issued();
        record.Status = RequestStatus.Offline;
        _store.Update(record);

        CsCertificateException ex = Refused(new ExportOptions { RequestId = record.RequestId, Path = Path.Combine(_out, "x.pfx") });

        Assert.Equal(ErrorIds.ExportRequestNotIssued, ex.ErrorId);
        Assert.Contains("Offline", ex.Message);
        _installer.Verify(i => i.ReadWithKey(It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void RefusesAnUnknownRequest()
    {
        Issued();

        Assert.Equal(ErrorIds.RequestNotFound, Refused(new ExportOptions { RequestId = 424242, Path = _out }).ErrorId);
    }

    [Fact]
    public void RefusesANonExportableKeyWhereTheStoreKeepsItNamingTheParameter()
    {
        RequestRecord record = Issued(exportable: false);
        _installer.SetupGet(i => i.EnforcesNonExportableKeys).Returns(true);

        CsCertificateException ex = Refused(new ExportOptions { RequestId = record.RequestId, Path = Path.Combine(_out, "x.pfx") });

        Assert.Equal(ErrorIds.ExportKeyNotExportable, ex.ErrorId);
        Assert.Contains("-PrivateKeyExportable $false", ex.Message);
        _installer.Verify(i => i.ReadWithKey(It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public void ExportsANonExportableKeyWhereTheStoreCannotKeepIt()
    {
        RequestRecord record = Issued(exportable: false);

        Assert.Single(Export(new ExportOptions { RequestId = record.RequestId, Path = _out }));
    }

    [Fact]
    public void RefusesAnExistingFileWithoutForceAndReplacesItWithForce()
    {
        RequestRecord record = Issued();
        string path = Path.Combine(_out, "pool.pfx");
        File.WriteAllText(path, "earlier");

        CsCertificateException ex = Refused(new ExportOptions { RequestId = record.RequestId, Path = path }, expectNothingWritten: false);

        Assert.Equal(ErrorIds.ExportFileExists, ex.ErrorId);
        Assert.Contains("-Force", ex.Message);
        Assert.Equal("earlier", File.ReadAllText(path));
        Export(new ExportOptions { RequestId = record.RequestId, Path = path, Force = true });
        Assert.NotNull(Pkcs12Content.Read(File.ReadAllBytes(path), Password));
    }

    [Fact]
    public void RefusesAKeyFileThatIsTheCertificateFileOrTheReport()
    {
        RequestRecord record = Issued();
        string same = Path.Combine(_out, "same.pem");
        string report = Path.Combine(_out, "report.html");

        Assert.Equal(ErrorIds.PathConflict, Refused(new ExportOptions { RequestId = record.RequestId, Path = same, KeyPath = same }).ErrorId);
        Assert.Equal(ErrorIds.PathConflict, Refused(new ExportOptions { RequestId = record.RequestId, Path = report, OtherFiles = new[] { NamedPath.Parameter("-Report", report) } }).ErrorId);
    }

    [Fact]
    public void RefusesAFolderThatDoesNotExistWithTheIdOfItsParameter()
    {
        RequestRecord record = Issued();

        Assert.Equal(ErrorIds.ExportFolderNotFound, Refused(new ExportOptions { RequestId = record.RequestId, Path = Path.Combine(_out, "missing", "x.pfx") }).ErrorId);
        Assert.Equal(ErrorIds.ExportKeyFolderNotFound, Refused(new ExportOptions { RequestId = record.RequestId, Path = Path.Combine(_out, "x.pem"), KeyPath = Path.Combine(_out, "missing", "x.key") }).ErrorId);
    }

    [Fact]
    public void NamesTheRequestWhenTheStoreNoLongerHoldsTheCertificate()
    {
        RequestRecord record = Issued();
        _installer.Setup(i => i.ReadWithKey(Thumbprint)).Throws(new CsCertificateException(ErrorIds.ExportCertificateNotFound, ErrorKind.ObjectNotFound, "the certificate is gone."));

        CsCertificateException ex = Refused(new ExportOptions { RequestId = record.RequestId, Path = _out });

        Assert.Equal(ErrorIds.ExportCertificateNotFound, ex.ErrorId);
        Assert.Equal("Request " + record.RequestId + " cannot be exported: the certificate is gone.", ex.Message);
    }

    private IReadOnlyList<string> Export(ExportOptions options) => Export(options, Password);

    private IReadOnlyList<string> Export(ExportOptions options, char[]? password) => _exporter.Write(_exporter.Plan(options, _log), password, _log);

    /// <summary>Runs a refused export and checks that it wrote nothing: no file in the output folder, the store as it was.</summary>
    private CsCertificateException Refused(ExportOptions options, bool expectNothingWritten = true)
    {
        string[] before = Directory.GetFiles(_out);
        string[] storeBefore = Directory.GetFiles(_store.Home, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray();
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Export(options));
        if (expectNothingWritten)
        {
            Assert.Equal(before, Directory.GetFiles(_out));
        }

        Assert.Equal(storeBefore, Directory.GetFiles(_store.Home, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToArray());
        return ex;
    }

    /// <summary>An issued request as the store keeps it: its key file gone, the certificate's thumbprint and the chain the CA returned.</summary>
    private RequestRecord Issued(byte[][]? chain = null, bool exportable = true)
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(KeyAlgorithmIdentifier.ECDH_P256, 2048));
        var record = new RequestRecord
        {
            Status = RequestStatus.Issued,
            FriendlyName = "Litware Front End",
            CertificateUses = new[] { "Default" },
            SubjectName = "atl-cs-001.litwareinc.com",
            Subject = "CN=atl-cs-001.litwareinc.com",
            RequestTime = "2026-11-26T12:00:00.0000000Z",
            PublicKeySha256 = PublicKeyId.Of(key.SubjectPublicKeyInfo),
            PrivateKeyExportable = exportable,
            Thumbprint = Thumbprint,
            CertificatePath = "Cert:\\LocalMachine\\My\\" + Thumbprint,
            Chain = chain?.Select(Convert.ToBase64String).ToArray(),
        };
        _store.Add(record, key.ToPkcs8Pem());
        _store.MarkIssued(record);
        return record;
    }
}
