// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCertificate.CaClient;
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

/// <summary>The same outcome handling for every CA: what each answer does to the stored request.</summary>
public sealed class RequestCompletionTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();
    private readonly RequestStore _store;
    private readonly Mock<ICertificateInstaller> _installer = new Mock<ICertificateInstaller>(MockBehavior.Strict);
    private readonly RequestCompletion _completion;
    private readonly OperationLog _log = new OperationLog("Request-CsCertificate", () => DateTime.UtcNow);
    private readonly List<string> _warnings = new List<string>();

    public RequestCompletionTests()
    {
        _store = new RequestStore(_temp.File("home"));
        _completion = new RequestCompletion(_store, _installer.Object, new TestEnvironment(_temp.File("home")));
        _log.WarningWritten += _warnings.Add;
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void IssuedInstallsTheCertificateWithTheStoredKeyAndForgetsTheKey()
    {
        (RequestRecord record, byte[] certificate) = Stored();
        byte[] chain = Certificate(ECDsa.Create(ECCurve.NamedCurves.nistP256), "CN=Issuing CA");
        _installer.Setup(i => i.Install(certificate, It.Is<IReadOnlyList<byte[]>>(c => c.Single() == chain), It.IsAny<KeyPair>(), "friendly", false))
            .Returns(new InstalledCertificate { Thumbprint = "AB12", Issuer = "CN=Issuing CA", Subject = "CN=pool.contoso.com", StorePath = "Cert:\\CurrentUser\\My\\AB12", SerialNumber = "01", NotBefore = DateTime.UtcNow, NotAfter = DateTime.UtcNow.AddYears(1) });
        _installer.Setup(i => i.HasCertificateWithKey("AB12")).Returns(true);

        CertificateReference reference = _completion.Apply(record, CaResult.Issued("https://ca/order/1", new[] { chain, certificate }), _log);

        Assert.Equal(RequestStatus.Issued, reference.RequestStatus);
        Assert.Equal("AB12", reference.Thumbprint);
        Assert.Equal("CN=Issuing CA", reference.Issuer);
        Assert.Equal("Cert:\\CurrentUser\\My\\AB12", reference.Path);
        RequestRecord saved = Reload(record.RequestId);
        Assert.Equal(RequestStatus.Issued, saved.Status);
        Assert.Equal("https://ca/order/1", saved.CaRequestId);
        Assert.Null(saved.KeyFile);
        Assert.Empty(Directory.GetFiles(_store.KeysFolder));
        Assert.Contains(_log.Entries, e => e.Text == "Certificate was imported with the thumbprint \"AB12\".");
        Assert.Single(_warnings, w => w.Contains("PrivateKeyExportable"));
    }

    [Fact]
    public void KeepsTheChainTheCaReturnedIssuerAfterSubjectAndSaysWhereACertificateOffTheCertDriveIs()
    {
        using ECDsa rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa issuingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 root = Authority("CN=Root CA", rootKey, null);
        using X509Certificate2 issuing = Authority("CN=Issuing CA", issuingKey, root);
        (RequestRecord record, byte[] certificate) = Stored(key =>
        {
            using X509Certificate2 leaf = new CertificateRequest("CN=pool.contoso.com", key, HashAlgorithmName.SHA256).Create(issuing, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), new byte[] { 3 });
            return leaf.RawData;
        });
        _installer.Setup(i => i.Install(certificate, It.Is<IReadOnlyList<byte[]>>(c => c.Count == 2 && c[0].SequenceEqual(issuing.RawData) && c[1].SequenceEqual(root.RawData)), It.IsAny<KeyPair>(), "friendly", false))
            .Returns(new InstalledCertificate { Thumbprint = "AB12", StorePath = "CurrentUser\\My\\AB12", OnCertDrive = false });
        _installer.Setup(i => i.HasCertificateWithKey("AB12")).Returns(true);

        _completion.Apply(record, CaResult.Issued("https://ca/order/1", new[] { root.RawData, certificate, issuing.RawData }), _log);

        Assert.Equal(new[] { Convert.ToBase64String(issuing.RawData), Convert.ToBase64String(root.RawData) }, Reload(record.RequestId).Chain);
        Assert.Contains(_log.Entries, e => e.Text.Contains("CurrentUser\\My\\AB12") && e.Text.Contains("Export-CsCertificate -RequestId " + record.RequestId));
        Assert.DoesNotContain(_log.Entries, e => e.Text.Contains("Cert:"));
        Assert.DoesNotContain(_warnings, w => w.Contains("Cert:"));
    }

    [Fact]
    public void ACertificateForAnotherKeyIsRefusedAndTheRequestKept()
    {
        (RequestRecord record, _) = Stored();
        byte[] stranger = Certificate(ECDsa.Create(ECCurve.NamedCurves.nistP256), "CN=pool.contoso.com");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _completion.Apply(record, CaResult.Issued("7", new[] { stranger }), _log));

        Assert.Equal(ErrorIds.CertificateKeyMismatch, ex.ErrorId);
        _installer.VerifyNoOtherCalls();
        Assert.Equal(RequestStatus.Pending, Reload(record.RequestId).Status);
        Assert.Equal("7", Reload(record.RequestId).CaRequestId);
        Assert.Single(Directory.GetFiles(_store.KeysFolder));
    }

    [Fact]
    public void TheKeyFileStaysWhenTheStoreDoesNotGiveTheCertificateBackWithItsKey()
    {
        (RequestRecord record, byte[] certificate) = Stored();
        string keyPath = _store.KeyPath(record)!;
        byte[] keyBefore = File.ReadAllBytes(keyPath);
        _installer.Setup(i => i.Install(certificate, It.IsAny<IReadOnlyList<byte[]>>(), It.IsAny<KeyPair>(), "friendly", false))
            .Returns(new InstalledCertificate { Thumbprint = "AB12", StorePath = "store/AB12" });
        _installer.Setup(i => i.HasCertificateWithKey("AB12")).Returns(false);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _completion.Apply(record, CaResult.Issued("https://ca/order/7", new[] { certificate }), _log));

        Assert.Equal(ErrorIds.CertificateInstallFailed, ex.ErrorId);
        Assert.Contains(keyPath, ex.Message);
        Assert.Contains("is kept", ex.Message);
        Assert.Equal(RequestStatus.Pending, Reload(record.RequestId).Status);
        Assert.Equal("https://ca/order/7", Reload(record.RequestId).CaRequestId);
        Assert.Equal(keyBefore, File.ReadAllBytes(keyPath));
    }

    [Fact]
    public void AStoreThatRefusesTheCertificateLeavesTheKeyAndSaysSo()
    {
        (RequestRecord record, byte[] certificate) = Stored();
        string keyPath = _store.KeyPath(record)!;
        _installer.Setup(i => i.Install(certificate, It.IsAny<IReadOnlyList<byte[]>>(), It.IsAny<KeyPair>(), "friendly", false))
            .Throws(new CsCertificateException(ErrorIds.CertificateInstallFailed, ErrorKind.WriteError, "The store said no."));

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _completion.Apply(record, CaResult.Issued("https://ca/order/7", new[] { certificate }), _log));

        Assert.Equal(ErrorIds.CertificateInstallFailed, ex.ErrorId);
        Assert.StartsWith("The store said no. ", ex.Message);
        Assert.Contains(keyPath, ex.Message);
        Assert.True(File.Exists(keyPath));
        RequestRecord saved = Reload(record.RequestId);
        Assert.Equal(RequestStatus.Pending, saved.Status);
        Assert.Equal("https://ca/order/7", saved.CaRequestId);
        Assert.Contains("-Retrieve", saved.StatusMessage);
    }

    [Fact]
    public void TheCasIdIsSavedBeforeTheInstallSoThatRetrieveAsksAgainRatherThanSubmitsAgain()
    {
        (RequestRecord record, byte[] certificate) = Stored();
        _installer.Setup(i => i.Install(certificate, It.IsAny<IReadOnlyList<byte[]>>(), It.IsAny<KeyPair>(), "friendly", false))
            .Callback(() =>
            {
                // What a crash or a failure during the install leaves behind.
                RequestRecord during = Reload(224);
                Assert.Equal(RequestStatus.Pending, during.Status);
                Assert.Equal("224", during.CaRequestId);
            })
            .Throws(new CsCertificateException(ErrorIds.CertificateInstallFailed, ErrorKind.WriteError, "Access is denied."));

        Assert.Throws<CsCertificateException>(() => _completion.Apply(record, CaResult.Issued("224", new[] { certificate }), _log));

        RequestRecord saved = Reload(224);
        Assert.Equal(RequestStatus.Pending, saved.Status);
        Assert.Equal("224", saved.CaRequestId);
        Assert.True(File.Exists(_store.KeyPath(saved)));
    }

    [Fact]
    public void AMissingKeyFileIsReportedWithTheRequestAndTheFileNotAsARawException()
    {
        (RequestRecord record, byte[] certificate) = Stored();
        string keyPath = _store.KeyPath(record)!;
        File.Delete(keyPath);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _completion.Apply(record, CaResult.Issued("https://ca/order/7", new[] { certificate }), _log));

        Assert.Equal(ErrorIds.RequestKeyMissing, ex.ErrorId);
        Assert.Contains(keyPath, ex.Message);
        Assert.Contains("-Clear -RequestId " + record.RequestId, ex.Message);
        Assert.IsType<FileNotFoundException>(ex.InnerException);
    }

    [Fact]
    public void PendingIsAResultThatKeepsTheCaId()
    {
        (RequestRecord record, _) = Stored();

        CertificateReference reference = _completion.Apply(record, CaResult.Pending("https://ca/order/9", TimeSpan.FromSeconds(5), "still pending"), _log);

        Assert.Equal(RequestStatus.Pending, reference.RequestStatus);
        RequestRecord saved = Reload(record.RequestId);
        Assert.Equal(RequestStatus.Pending, saved.Status);
        Assert.Equal("https://ca/order/9", saved.CaRequestId);
        Assert.Equal("still pending", saved.StatusMessage);
    }

    [Theory]
    [InlineData(nameof(CaOutcome.Denied), ErrorIds.CaDenied, "Denied")]
    [InlineData(nameof(CaOutcome.Revoked), ErrorIds.CertificateRevoked, "Revoked")]
    [InlineData(nameof(CaOutcome.Unreachable), ErrorIds.CaUnreachable, "Submitting")]
    [InlineData(nameof(CaOutcome.Misconfigured), ErrorIds.CaMisconfigured, "Submitting")]
    [InlineData(nameof(CaOutcome.Failed), ErrorIds.CaFailed, "Failed")]
    public void EveryOtherOutcomeIsRecordedThenReportedWithItsId(string outcomeName, string errorId, string status)
    {
        var outcome = Enum.Parse<CaOutcome>(outcomeName);
        (RequestRecord record, _) = Stored();

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _completion.Apply(record, CaResult.Of(outcome, null, "0x80094012", "the CA's words"), _log));

        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains("the CA's words", ex.Message);
        Assert.Contains("0x80094012", ex.Message);
        RequestRecord saved = Reload(record.RequestId);
        Assert.Equal(status, saved.StatusName);
        Assert.Equal("the CA's words", saved.StatusMessage);
        Assert.Single(Directory.GetFiles(_store.KeysFolder));
        if (outcome == CaOutcome.Revoked)
        {
            Assert.Contains("-Clear -RequestId " + record.RequestId, ex.Message);
        }
    }

    [Fact]
    public void AStopOnceTheCaHoldsTheRequestKeepsItPendingWithAMessageSayingHowToResume()
    {
        (RequestRecord record, _) = Stored();

        OperationCanceledException ex = Assert.Throws<OperationCanceledException>(() => _completion.Apply(record, CaResult.Stopped("https://ca/order/5"), _log));

        RequestRecord saved = Reload(record.RequestId);
        Assert.Equal(RequestStatus.Pending, saved.Status);
        Assert.Equal("https://ca/order/5", saved.CaRequestId);
        Assert.Contains("Stopped (Ctrl+C)", saved.StatusMessage);
        Assert.Contains("-Retrieve -RequestId " + record.RequestId, saved.StatusMessage);
        Assert.Equal(saved.StatusMessage, ex.Message);
        Assert.Single(Directory.GetFiles(_store.KeysFolder));
    }

    [Fact]
    public void AStopBeforeTheCaHoldsTheRequestKeepsItSubmitting()
    {
        (RequestRecord record, _) = Stored();

        Assert.Throws<OperationCanceledException>(() => _completion.Apply(record, CaResult.Stopped(null), _log));

        RequestRecord saved = Reload(record.RequestId);
        Assert.Equal(RequestStatus.Submitting, saved.Status);
        Assert.Null(saved.CaRequestId);
        Assert.Contains("kept as Submitting", saved.StatusMessage);
    }

    [Fact]
    public void AMisconfigurationThatOnlyANewRequestFixesSaysSoInsteadOfRetrieve()
    {
        (RequestRecord record, _) = Stored();

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _completion.Apply(record, CaResult.NeedsNewRequest(null, "urn:ietf:params:acme:error:unauthorized", "The binding was refused."), _log));

        Assert.Equal(ErrorIds.CaMisconfigured, ex.ErrorId);
        Assert.Contains("run Request-CsCertificate -New again", ex.Message);
        Assert.Contains("-Clear -RequestId " + record.RequestId, ex.Message);
        Assert.DoesNotContain("then run Request-CsCertificate -Retrieve", ex.Message);
        Assert.Equal(RequestStatus.Submitting, Reload(record.RequestId).Status);
    }

    [Fact]
    public void TakesTheAdcsRequestIdWhenItIsFreeAndKeepsItsOwnOtherwise()
    {
        (RequestRecord first, _) = Stored();
        (RequestRecord second, _) = Stored();

        _completion.Apply(first, CaResult.Pending("224"), _log);
        _completion.Apply(second, CaResult.Pending("224"), _log);

        Assert.Equal(224, first.RequestId);
        Assert.Equal("224", Reload(224).CaRequestId);
        Assert.True(File.Exists(_store.KeyPath(Reload(224))));
        Assert.Equal(2, second.RequestId);
        Assert.Equal("224", Reload(2).CaRequestId);
        Assert.Equal(new[] { 2, 224 }, _store.List().Records.Select(r => r.RequestId));
    }

    private (RequestRecord Record, byte[] Certificate) Stored() => Stored(key => Certificate(key, "CN=pool.contoso.com"));

    /// <summary>A request waiting for its certificate, and the certificate <paramref name="issue"/> makes for its key.</summary>
    private (RequestRecord Record, byte[] Certificate) Stored(Func<ECDsa, byte[]> issue)
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(KeyAlgorithmIdentifier.ECDH_P256, 2048));
        var record = new RequestRecord
        {
            Status = RequestStatus.Submitting,
            FriendlyName = "friendly",
            CertificateUses = new[] { "Default" },
            SubjectName = "pool.contoso.com",
            Subject = "CN=pool.contoso.com",
            CA = "https://ca/directory",
            RequestTime = "2026-11-26T12:00:00.0000000Z",
            PublicKeySha256 = PublicKeyId.Of(key.SubjectPublicKeyInfo),
        };
        _store.Add(record, key.ToPkcs8Pem());
        return (record, issue((ECDsa)key.Key));
    }

    private RequestRecord Reload(int id) => _store.Find(id, new List<StoreProblem>()) ?? throw new InvalidOperationException("record " + id + " is gone");

    private static X509Certificate2 Authority(string subject, ECDsa key, X509Certificate2? issuer)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        DateTimeOffset from = DateTimeOffset.UtcNow.AddDays(-2);
        DateTimeOffset to = DateTimeOffset.UtcNow.AddDays(30);
        if (issuer == null)
        {
            return request.CreateSelfSigned(from, to);
        }

        using X509Certificate2 certificate = request.Create(issuer, from, to, new byte[] { 2 });
        return certificate.CopyWithPrivateKey(key);
    }

    private static byte[] Certificate(ECDsa key, string subject) =>
        new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)).RawData;
}
