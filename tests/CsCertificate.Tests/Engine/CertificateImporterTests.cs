// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Keys;
using CsCertificate.Model;
using CsCertificate.Report;
using CsCertificate.Store;
using CsCertificate.Tests.TestInfrastructure;
using Moq;
using Xunit;

namespace CsCertificate.Tests.Engine;

/// <summary>
/// What Import-CsCertificate decides for each certificate of a file before it installs anything: which request it
/// completes, whether it is valid now and carries every name of its request, and which certificates are chain.
/// </summary>
public sealed class CertificateImporterTests : IDisposable
{
    private static readonly string[] s_names = { "pool.contoso.com", "meet.contoso.com", "dialin.contoso.com" };

    private readonly TempFolder _temp = new TempFolder();
    private readonly RequestStore _store;
    private readonly TestEnvironment _environment;
    private readonly Mock<ICertificateInstaller> _installer = new Mock<ICertificateInstaller>(MockBehavior.Strict);
    private readonly CertificateImporter _importer;
    private readonly OperationLog _log = new OperationLog("Import-CsCertificate", () => DateTime.UtcNow);
    private readonly List<string> _warnings = new List<string>();
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public CertificateImporterTests()
    {
        _store = new RequestStore(_temp.File("home"));
        _environment = new TestEnvironment(_temp.File("home"));
        _importer = new CertificateImporter(_store, new RequestCompletion(_store, _installer.Object, _environment), _installer.Object, _environment);
        _installer.Setup(i => i.CheckCanInstall());
        _log.WarningWritten += _warnings.Add;
    }

    private DateTimeOffset Now => new DateTimeOffset(_environment.UtcNow);

    public void Dispose()
    {
        _caKey.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void ACertificateWithEveryNameCompletesItsRequestWithTheFilesCaCertificatesAsChain()
    {
        (RequestRecord record, ECDsa key) = Stored();
        byte[] ca = CaCertificate(basicConstraints: true);
        byte[] leaf = Issue(key, "CN=POOL.contoso.com", new[] { "pool.contoso.com", "MEET.contoso.com", "dialin.contoso.com", "extra.contoso.com" });

        ImportItem item = Assert.Single(Plan(ca, leaf).Items);

        Assert.Equal(ImportAction.Complete, item.Action);
        Assert.Equal(record.RequestId, item.Request!.RequestId);
        Assert.Equal(ca, Assert.Single(item.Chain));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void AnExpiredCertificateIsRefusedAndNothingChanges()
    {
        (RequestRecord record, ECDsa key) = Stored();
        byte[] leaf = Issue(key, "CN=pool.contoso.com", s_names, Now.AddYears(-2), Now.AddSeconds(-1));
        byte[] keyBefore = File.ReadAllBytes(_store.KeyPath(record)!);

        ImportItem item = Assert.Single(Plan(leaf).Items);

        Assert.Equal(ImportAction.Refuse, item.Action);
        Assert.Equal(ErrorIds.CertificateExpired, item.Refusal!.ErrorId);
        Assert.Contains(CertificateFacts.Read(leaf).Thumbprint, item.Refusal.Message);
        Assert.Equal(RequestStatus.Offline, Reload(record.RequestId).Status);
        Assert.Equal(keyBefore, File.ReadAllBytes(_store.KeyPath(record)!));
    }

    [Theory]
    [InlineData(2 * 24, nameof(ImportAction.Refuse))]
    [InlineData(12, nameof(ImportAction.Complete))]
    public void ACertificateThatStartsMoreThanADayAheadIsRefused(int hoursAhead, string action)
    {
        var expected = Enum.Parse<ImportAction>(action);
        (_, ECDsa key) = Stored();
        byte[] leaf = Issue(key, "CN=pool.contoso.com", s_names, Now.AddHours(hoursAhead), Now.AddYears(1));

        ImportItem item = Assert.Single(Plan(leaf).Items);

        Assert.Equal(expected, item.Action);
        if (expected == ImportAction.Refuse)
        {
            Assert.Equal(ErrorIds.CertificateNotYetValid, item.Refusal!.ErrorId);
        }
    }

    [Fact]
    public void ACertificateThatLacksNamesIsRefusedWithTheNames()
    {
        (RequestRecord record, ECDsa key) = Stored();
        byte[] leaf = Issue(key, "CN=pool.contoso.com", new[] { "pool.contoso.com" });

        ImportItem item = Assert.Single(Plan(leaf).Items);

        Assert.Equal(ErrorIds.CertificateNamesMissing, item.Refusal!.ErrorId);
        Assert.Contains("meet.contoso.com, dialin.contoso.com", item.Refusal.Message);
        Assert.Contains("-Force", item.Refusal.Message);
        Assert.Equal(RequestStatus.Offline, Reload(record.RequestId).Status);
    }

    [Fact]
    public void ForceInstallsACertificateThatLacksNamesWithAWarningThatListsThem()
    {
        (_, ECDsa key) = Stored();
        byte[] leaf = Issue(key, "CN=wrong.example.com", Array.Empty<string>());

        ImportItem item = Assert.Single(_importer.Plan(Write(leaf), force: true, _log).Items);

        Assert.Equal(ImportAction.Complete, item.Action);
        string warning = Assert.Single(_warnings);
        Assert.Contains("pool.contoso.com, meet.contoso.com, dialin.contoso.com", warning);
    }

    [Fact]
    public void TheSubjectCommonNameCountsAsAName()
    {
        (_, ECDsa key) = Stored(alternativeNames: Array.Empty<string>());
        byte[] leaf = Issue(key, "CN=Pool.Contoso.com", Array.Empty<string>());

        Assert.Equal(ImportAction.Complete, Assert.Single(Plan(leaf).Items).Action);
    }

    [Fact]
    public void TheCertificateOfAnIssuedRequestIsAlreadyInstalledNotAnError()
    {
        (RequestRecord record, ECDsa key) = Stored();
        byte[] leaf = Issue(key, "CN=pool.contoso.com", s_names);
        record.Status = RequestStatus.Issued;
        record.Thumbprint = CertificateFacts.Read(leaf).Thumbprint.ToLowerInvariant();
        record.KeyFile = null;
        _store.Update(record);

        ImportItem item = Assert.Single(Plan(leaf).Items);
        CertificateReference reference = _importer.AlreadyInstalled(item, _log);

        Assert.Equal(ImportAction.AlreadyInstalled, item.Action);
        Assert.Equal(record.RequestId, reference.RequestId);
        Assert.Equal(RequestStatus.Issued, reference.RequestStatus);
        Assert.Contains(_log.Entries, e => e.Text.Contains("already installed as request " + record.RequestId, StringComparison.Ordinal));
    }

    [Fact]
    public void AnotherCertificateForTheKeyOfAnIssuedRequestIsRefusedAsSuch()
    {
        (RequestRecord record, ECDsa key) = Stored();
        record.Status = RequestStatus.Issued;
        record.Thumbprint = "0123";
        record.KeyFile = null;
        _store.Update(record);

        ImportItem item = Assert.Single(Plan(Issue(key, "CN=pool.contoso.com", s_names)).Items);

        Assert.Equal(ErrorIds.RequestAlreadyIssued, item.Refusal!.ErrorId);
        Assert.Contains("0123", item.Refusal.Message);
    }

    [Fact]
    public void EveryCertificateOfTheFileIsMatchedAndOneForNoRequestIsReported()
    {
        (RequestRecord first, ECDsa firstKey) = Stored();
        (RequestRecord second, ECDsa secondKey) = Stored();
        using ECDsa strangerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] ca = CaCertificate(basicConstraints: false);
        byte[] stranger = Issue(strangerKey, "CN=stranger.contoso.com", Array.Empty<string>());

        IReadOnlyList<ImportItem> items = Plan(Issue(firstKey, "CN=pool.contoso.com", s_names), stranger, ca, Issue(secondKey, "CN=pool.contoso.com", s_names)).Items;

        Assert.Equal(new[] { ImportAction.Complete, ImportAction.Refuse, ImportAction.Complete }, items.Select(i => i.Action));
        Assert.Equal(new[] { first.RequestId, second.RequestId }, items.Where(i => i.Request != null).Select(i => i.Request!.RequestId));
        Assert.All(items.Where(i => i.Request != null), i => Assert.Equal(ca, Assert.Single(i.Chain)));
        CsCertificateException refusal = items[1].Refusal!;
        Assert.Equal(ErrorIds.CertificateNotRequested, refusal.ErrorId);
        Assert.Contains(CertificateFacts.Read(stranger).Thumbprint, refusal.Message);
        Assert.Contains("CN=stranger.contoso.com", refusal.Message);
    }

    [Fact]
    public void TwoCertificatesForOneRequestCompleteItOnce()
    {
        (RequestRecord record, ECDsa key) = Stored();
        byte[] first = Issue(key, "CN=pool.contoso.com", s_names);

        IReadOnlyList<ImportItem> items = Plan(first, Issue(key, "CN=pool.contoso.com", s_names)).Items;

        Assert.Equal(record.RequestId, items[0].Request!.RequestId);
        Assert.Equal(ErrorIds.RequestAlreadyIssued, items[1].Refusal!.ErrorId);
        Assert.Contains(CertificateFacts.Read(first).Thumbprint, items[1].Refusal!.Message);
    }

    [Fact]
    public void AFileOfCaCertificatesOnlyIsRefused()
    {
        Stored();

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => Plan(CaCertificate(basicConstraints: true)));

        Assert.Equal(ErrorIds.CertificateNotRequested, ex.ErrorId);
        Assert.Contains("CN=Contoso Issuing CA", ex.Message);
    }

    [Theory]
    [InlineData("missing", ErrorIds.RequestKeyMissing)]
    [InlineData("corrupt", ErrorIds.RequestKeyUnreadable)]
    [InlineData("another key", ErrorIds.RequestKeyUnreadable)]
    public void AKeyFileThatIsGoneOrUnusableIsReportedWithTheRequestAndTheFile(string damage, string errorId)
    {
        (RequestRecord record, ECDsa key) = Stored();
        string keyPath = _store.KeyPath(record)!;
        switch (damage)
        {
            case "missing":
                File.Delete(keyPath);
                break;
            case "corrupt":
                File.WriteAllText(keyPath, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
                break;
            default:
                using (KeyPair other = KeyGenerator.Generate(new KeySpec(KeyAlgorithmIdentifier.ECDH_P256, 2048)))
                {
                    File.WriteAllText(keyPath, other.ToPkcs8Pem());
                }

                break;
        }

        ImportItem item = Assert.Single(Plan(Issue(key, "CN=pool.contoso.com", s_names)).Items);

        Assert.Equal(errorId, item.Refusal!.ErrorId);
        Assert.Contains(keyPath, item.Refusal.Message);
        Assert.Contains("-Clear -RequestId " + record.RequestId, item.Refusal.Message);
        Assert.DoesNotContain("AAAA", item.Refusal.Message);
    }

    [Fact]
    public void ImportingACertificateInstallsItWithItsChainOnly()
    {
        (RequestRecord first, ECDsa firstKey) = Stored();
        (_, ECDsa secondKey) = Stored();
        byte[] ca = CaCertificate(basicConstraints: true);
        byte[] leaf = Issue(firstKey, "CN=pool.contoso.com", s_names);
        ImportItem item = Plan(leaf, Issue(secondKey, "CN=pool.contoso.com", s_names), ca).Items[0];
        _installer.Setup(i => i.Install(It.Is<byte[]>(b => b.SequenceEqual(leaf)), It.Is<IReadOnlyList<byte[]>>(c => c.Single().SequenceEqual(ca)), It.IsAny<KeyPair>(), "friendly", false))
            .Returns(new InstalledCertificate { Thumbprint = "AB12", StorePath = "store/AB12", ExportabilityEnforced = true });
        _installer.Setup(i => i.HasCertificateWithKey("AB12")).Returns(true);

        CertificateReference reference = _importer.Complete(item, null, _log);

        Assert.Equal(first.RequestId, reference.RequestId);
        Assert.Equal(RequestStatus.Issued, Reload(first.RequestId).Status);
    }

    private ImportPlan Plan(params byte[][] certificates) => _importer.Plan(Write(certificates), force: false, _log);

    private string Write(params byte[][] certificates)
    {
        var pem = new StringBuilder();
        foreach (byte[] certificate in certificates)
        {
            pem.Append("-----BEGIN CERTIFICATE-----\n").Append(Convert.ToBase64String(certificate, Base64FormattingOptions.InsertLineBreaks)).Append("\n-----END CERTIFICATE-----\n");
        }

        return _temp.Write(Guid.NewGuid().ToString("N") + ".pem", pem.ToString());
    }

    private (RequestRecord Record, ECDsa Key) Stored(string[]? alternativeNames = null)
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(KeyAlgorithmIdentifier.ECDH_P256, 2048));
        var record = new RequestRecord
        {
            Status = RequestStatus.Offline,
            FriendlyName = "friendly",
            CertificateUses = new[] { "Default" },
            SubjectName = "pool.contoso.com",
            Subject = "CN=pool.contoso.com",
            AlternativeNames = alternativeNames ?? s_names,
            RequestTime = "2026-11-26T12:00:00.0000000Z",
            PublicKeySha256 = PublicKeyId.Of(key.SubjectPublicKeyInfo),
        };
        _store.Add(record, key.ToPkcs8Pem());
        var copy = ECDsa.Create(((ECDsa)key.Key).ExportParameters(true));
        return (record, copy);
    }

    private RequestRecord Reload(int id) => _store.Find(id, new List<StoreProblem>()) ?? throw new InvalidOperationException("record " + id + " is gone");

    private byte[] CaCertificate(bool basicConstraints)
    {
        var request = new CertificateRequest("CN=Contoso Issuing CA", _caKey, HashAlgorithmName.SHA256);
        if (basicConstraints)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        }

        return request.Create(new X500DistinguishedName("CN=Contoso Issuing CA"), X509SignatureGenerator.CreateForECDsa(_caKey), Now.AddYears(-1), Now.AddYears(5), new byte[] { 1 }).RawData;
    }

    private byte[] Issue(ECDsa key, string subject, string[] dnsNames, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (dnsNames.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (string name in dnsNames)
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        byte[] serial = Guid.NewGuid().ToByteArray();
        serial[0] &= 0x7F;
        return request.Create(
            new X500DistinguishedName("CN=Contoso Issuing CA"),
            X509SignatureGenerator.CreateForECDsa(_caKey),
            notBefore ?? Now.AddDays(-1),
            notAfter ?? Now.AddYears(1),
            serial).RawData;
    }
}
