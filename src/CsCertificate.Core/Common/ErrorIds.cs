// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Common;

/// <summary>
/// The stable error ids of the module. They are part of its public contract: scripts and tests match
/// FullyQualifiedErrorId against them, so never rename one.
/// </summary>
internal static class ErrorIds
{
    // Topology
    public const string TopologyNotFound = nameof(TopologyNotFound);
    public const string TopologyFileNotFound = nameof(TopologyFileNotFound);
    public const string TopologyInvalid = nameof(TopologyInvalid);
    public const string TopologyConflict = nameof(TopologyConflict);
    public const string ComputerNotInTopology = nameof(ComputerNotInTopology);
    public const string ComputerAmbiguous = nameof(ComputerAmbiguous);

    // Naming
    public const string CertTypeNotApplicable = nameof(CertTypeNotApplicable);
    public const string CertTypeNotSupported = nameof(CertTypeNotSupported);
    public const string SubjectNameMismatch = nameof(SubjectNameMismatch);
    public const string InvalidSubjectName = nameof(InvalidSubjectName);
    public const string InvalidDomainName = nameof(InvalidDomainName);
    public const string InternationalizedName = nameof(InternationalizedName);
    public const string InvalidCountry = nameof(InvalidCountry);
    public const string InvalidSubjectAttribute = nameof(InvalidSubjectAttribute);

    // Key and request options
    public const string KeySizeNotApplicable = nameof(KeySizeNotApplicable);
    public const string CaNotSpecified = nameof(CaNotSpecified);

    // Certification authorities and certificates
    public const string InvalidCaName = nameof(InvalidCaName);
    public const string InvalidCaAccount = nameof(InvalidCaAccount);
    public const string InvalidCaRequestId = nameof(InvalidCaRequestId);
    public const string InvalidTemplateName = nameof(InvalidTemplateName);
    public const string CaCredentialsRejected = nameof(CaCredentialsRejected);
    public const string InvalidSetting = nameof(InvalidSetting);
    public const string CaNotSupportedOnPlatform = nameof(CaNotSupportedOnPlatform);
    public const string CaUnreachable = nameof(CaUnreachable);
    public const string CaDenied = nameof(CaDenied);
    public const string CaMisconfigured = nameof(CaMisconfigured);
    public const string CaFailed = nameof(CaFailed);
    public const string CertificateRevoked = nameof(CertificateRevoked);
    public const string CertificateResponseInvalid = nameof(CertificateResponseInvalid);
    public const string CertificateKeyMismatch = nameof(CertificateKeyMismatch);
    public const string CertificateNotRequested = nameof(CertificateNotRequested);
    public const string CertificateInstallFailed = nameof(CertificateInstallFailed);
    public const string CertificateFileNotFound = nameof(CertificateFileNotFound);

    // Files
    public const string OutputDirectoryNotFound = nameof(OutputDirectoryNotFound);
    public const string OutputExists = nameof(OutputExists);
    public const string OutputNotWritable = nameof(OutputNotWritable);
    public const string ReportNotWritable = nameof(ReportNotWritable);

    // Store
    public const string RequestNotFound = nameof(RequestNotFound);
    public const string OfflineRequestNotRetrievable = nameof(OfflineRequestNotRetrievable);
    public const string StoreLockTimeout = nameof(StoreLockTimeout);
    public const string StoreWriteFailed = nameof(StoreWriteFailed);
    public const string StoreRecordCorrupt = nameof(StoreRecordCorrupt);
    public const string StoreSchemaTooNew = nameof(StoreSchemaTooNew);
    public const string StoreNotAccessible = nameof(StoreNotAccessible);

    // Import-CsCertificate checks and the request's key file
    public const string CertificateExpired = nameof(CertificateExpired);
    public const string CertificateNotYetValid = nameof(CertificateNotYetValid);
    public const string CertificateNamesMissing = nameof(CertificateNamesMissing);
    public const string RequestAlreadyIssued = nameof(RequestAlreadyIssued);
    public const string RequestKeyMissing = nameof(RequestKeyMissing);
    public const string RequestKeyUnreadable = nameof(RequestKeyUnreadable);

    // Files the module writes and reads
    public const string OutputNotRegularFile = nameof(OutputNotRegularFile);
    public const string ReportNotRegularFile = nameof(ReportNotRegularFile);
    public const string ReportExists = nameof(ReportExists);
    public const string PathConflict = nameof(PathConflict);
    public const string TopologyFileNotRegular = nameof(TopologyFileNotRegular);

    // Request options
    public const string InvalidFriendlyName = nameof(InvalidFriendlyName);

    // ACME
    public const string InvalidCaPassword = nameof(InvalidCaPassword);

    // The data folder
    public const string StoreNotOwned = nameof(StoreNotOwned);
    public const string StoreFolderUnsafe = nameof(StoreFolderUnsafe);
    public const string StorePermissionDenied = nameof(StorePermissionDenied);
    public const string StoreReadOnly = nameof(StoreReadOnly);
    public const string StoreIdsExhausted = nameof(StoreIdsExhausted);
    public const string StoreRecordUnsafe = nameof(StoreRecordUnsafe);
    public const string OrphanedKeyWithRequestId = nameof(OrphanedKeyWithRequestId);

    // Windows
    public const string StorePathTooLong = nameof(StorePathTooLong);
    public const string CertificateStoreNotWritable = nameof(CertificateStoreNotWritable);

    /// <summary>Raised by CsCertificate.Prerequisites.psm1, before this assembly can load on an older .NET Framework.</summary>
    public const string NetFrameworkTooOld = nameof(NetFrameworkTooOld);

    // Export-CsCertificate
    public const string ExportRequestNotIssued = nameof(ExportRequestNotIssued);
    public const string ExportKeyNotExportable = nameof(ExportKeyNotExportable);
    public const string ExportCertificateNotFound = nameof(ExportCertificateNotFound);
    public const string ExportKeyNotFound = nameof(ExportKeyNotFound);
    public const string ExportKeyUnreadable = nameof(ExportKeyUnreadable);
    public const string ExportPasswordEmpty = nameof(ExportPasswordEmpty);
    public const string ExportFileExists = nameof(ExportFileExists);
    public const string ExportFolderNotFound = nameof(ExportFolderNotFound);
    public const string ExportFileNotWritable = nameof(ExportFileNotWritable);
    public const string ExportFileNotRegular = nameof(ExportFileNotRegular);
    public const string ExportKeyFileExists = nameof(ExportKeyFileExists);
    public const string ExportKeyFolderNotFound = nameof(ExportKeyFolderNotFound);
    public const string ExportKeyFileNotWritable = nameof(ExportKeyFileNotWritable);
    public const string ExportKeyFileNotRegular = nameof(ExportKeyFileNotRegular);

    // Renewal (Update-CsCertificate)
    public const string RequestNotRenewable = nameof(RequestNotRenewable);
    public const string RenewalNamesRemoved = nameof(RenewalNamesRemoved);
    public const string RenewalNeedsCredentials = nameof(RenewalNeedsCredentials);
    public const string RenewalFailed = nameof(RenewalFailed);

    // ACME challenges: dns-01
    public const string AcmeChallengeNotApplicable = nameof(AcmeChallengeNotApplicable);
    public const string AcmeWildcardNeedsDns01 = nameof(AcmeWildcardNeedsDns01);
    public const string DnsParameterNeedsDns01 = nameof(DnsParameterNeedsDns01);
    public const string DnsUpdateMethodMissing = nameof(DnsUpdateMethodMissing);
    public const string DnsUpdateMethodConflict = nameof(DnsUpdateMethodConflict);
    public const string InvalidDnsServer = nameof(InvalidDnsServer);
    public const string DnsKeyFileNotFound = nameof(DnsKeyFileNotFound);
    public const string DnsKeyInvalid = nameof(DnsKeyInvalid);
    public const string DnsScriptNotFound = nameof(DnsScriptNotFound);
    public const string DnsScriptFailed = nameof(DnsScriptFailed);
    public const string DnsServerUnreachable = nameof(DnsServerUnreachable);
    public const string DnsUpdateRefused = nameof(DnsUpdateRefused);
    public const string DnsUpdateFailed = nameof(DnsUpdateFailed);
    public const string DnsZoneNotFound = nameof(DnsZoneNotFound);

    // Module import
    /// <summary>Windows PowerShell: another BouncyCastle was loaded before the module, which cannot keep its own apart.</summary>
    public const string BouncyCastleConflict = nameof(BouncyCastleConflict);
}
