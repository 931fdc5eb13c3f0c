// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// The HRESULTs an AD CS request meets (docs/design/ca-outcomes.md, "AD CS"), each with its outcome and its remedy: the one place
/// that decides what a code means. Codes not listed here are <see cref="CaOutcome.Failed"/>.
/// </summary>
internal static class AdcsStatusCodes
{
    public const int UnsupportedCertType = unchecked((int)0x80094800);
    public const int NoCertType = unchecked((int)0x80094801);
    public const int TemplateConflict = unchecked((int)0x80094802);
    public const int SubjectAltNameRequired = unchecked((int)0x80094803);
    public const int SignatureRejected = unchecked((int)0x8009480B);
    public const int SubjectDnsRequired = unchecked((int)0x8009480F);
    public const int KeyLength = unchecked((int)0x80094811);
    public const int BadRequestSubject = unchecked((int)0x80094001);
    public const int NoRequest = unchecked((int)0x80094002);
    public const int BadRequestStatus = unchecked((int)0x80094003);
    public const int PropertyEmpty = unchecked((int)0x80094004);
    public const int EnrollDenied = unchecked((int)0x80094011);
    public const int TemplateDenied = unchecked((int)0x80094012);
    public const int WeakSignatureOrKey = unchecked((int)0x80094016);
    public const int AccessDenied = unchecked((int)0x80070005);
    public const int InvalidArgument = unchecked((int)0x80070057);
    public const int FileNotFound = unchecked((int)0x80070002);
    public const int Asn1BadTag = unchecked((int)0x8009310B);
    public const int ClassNotRegistered = unchecked((int)0x80040154);
    public const int LogonFailure = unchecked((int)0x8007052E);
    public const int LogonDenied = unchecked((int)0x8009030C);
    public const int RpcServerUnavailable = unchecked((int)0x800706BA);
    public const int RpcServerTooBusy = unchecked((int)0x800706BB);
    public const int RpcCallFailed = unchecked((int)0x800706BE);
    public const int RpcCallFailedDidNotExecute = unchecked((int)0x800706BF);
    public const int EndpointNotRegistered = unchecked((int)0x800706D9);
    public const int RpcCallCancelled = unchecked((int)0x8007071A);
    public const int BadNetPath = unchecked((int)0x80070035);
    public const int BadNetName = unchecked((int)0x80070043);
    public const int SemaphoreTimeout = unchecked((int)0x80070079);
    public const int ConnectionRefused = unchecked((int)0x800704C9);
    public const int NetworkUnreachable = unchecked((int)0x800704CF);
    public const int HostUnreachable = unchecked((int)0x800704D0);
    public const int Timeout = unchecked((int)0x800705B4);
    public const int ServerExecFailure = unchecked((int)0x80080005);
    public const int WsaTimedOut = unchecked((int)0x8007274C);
    public const int WsaConnectionRefused = unchecked((int)0x8007274D);
    public const int WsaHostNotFound = unchecked((int)0x80072AF9);

    private static readonly Dictionary<int, AdcsStatus> s_table = Build();

    /// <summary>Finds a known code.</summary>
    /// <returns>The code's entry, or null when it is not one this module explains.</returns>
    public static AdcsStatus? Find(int hresult) => s_table.TryGetValue(hresult, out AdcsStatus? status) ? status : null;

    /// <summary>Gets what a code means for the request: <see cref="CaOutcome.Failed"/> when it is not known.</summary>
    public static CaOutcome OutcomeOf(int hresult) => Find(hresult)?.Outcome ?? CaOutcome.Failed;

    /// <summary>Formats a code the way Windows tools print it: 0x80094800.</summary>
    public static string FormatCode(int hresult) => "0x" + hresult.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Formats a code with its name when known: "0x80094800 CERTSRV_E_UNSUPPORTED_CERT_TYPE".</summary>
    public static string Describe(int hresult)
    {
        AdcsStatus? status = Find(hresult);
        return status == null ? FormatCode(hresult) : FormatCode(hresult) + " " + status.Name;
    }

    /// <summary>Says what a code means for this request and what to do; a general text for unknown codes.</summary>
    /// <param name="hresult">The HRESULT.</param>
    /// <param name="config">The CA.</param>
    /// <param name="template">The template asked for.</param>
    /// <param name="account">The -CaAccount, or null for the current user.</param>
    public static string Explain(int hresult, AdcsConfigString config, string template, string? account)
    {
        string format = Find(hresult)?.Explanation ?? Strings.AdcsFailed;
        string identity = account == null ? Strings.AdcsIdentityCurrentUser : Messages.Format(Strings.AdcsIdentityAccount, account);
        return Messages.Format(format, config.Value, template, Describe(hresult), identity, config.Host, config.CaName);
    }

    private static Dictionary<int, AdcsStatus> Build()
    {
        var table = new Dictionary<int, AdcsStatus>();
        void Add(int hresult, string name, CaOutcome outcome, Func<string> explanation) =>
            table.Add(hresult, new AdcsStatus(hresult, name, outcome, explanation));

        // The template cannot be used as named: the CA's setup or the template name must change, not the request.
        Add(UnsupportedCertType, "CERTSRV_E_UNSUPPORTED_CERT_TYPE", CaOutcome.Misconfigured, () => Strings.AdcsTemplateNotSupported);
        Add(NoCertType, "CERTSRV_E_NO_CERT_TYPE", CaOutcome.Misconfigured, () => Strings.AdcsTemplateMissing);
        Add(TemplateConflict, "CERTSRV_E_TEMPLATE_CONFLICT", CaOutcome.Misconfigured, () => Strings.AdcsTemplateConflict);
        Add(SubjectAltNameRequired, "CERTSRV_E_SUBJECT_ALT_NAME_REQUIRED", CaOutcome.Misconfigured, () => Strings.AdcsSubjectAltNameRequired);
        Add(SubjectDnsRequired, "CERTSRV_E_SUBJECT_DNS_REQUIRED", CaOutcome.Misconfigured, () => Strings.AdcsSubjectDnsRequired);
        Add(SignatureRejected, "CERTSRV_E_SIGNATURE_REJECTED", CaOutcome.Misconfigured, () => Strings.AdcsSignatureRejected);

        // Permissions: someone must grant a right, or another account must ask.
        Add(TemplateDenied, "CERTSRV_E_TEMPLATE_DENIED", CaOutcome.Denied, () => Strings.AdcsTemplateDenied);
        Add(EnrollDenied, "CERTSRV_E_ENROLL_DENIED", CaOutcome.Denied, () => Strings.AdcsEnrollDenied);
        Add(AccessDenied, "E_ACCESSDENIED", CaOutcome.Denied, () => Strings.AdcsAccessDenied);
        Add(LogonFailure, "ERROR_LOGON_FAILURE", CaOutcome.Denied, () => Strings.AdcsLogonDenied);
        Add(LogonDenied, "SEC_E_LOGON_DENIED", CaOutcome.Denied, () => Strings.AdcsLogonDenied);

        // The request itself is refused: a new request is needed.
        Add(KeyLength, "CERTSRV_E_KEY_LENGTH", CaOutcome.Denied, () => Strings.AdcsKeyLength);
        Add(WeakSignatureOrKey, "CERTSRV_E_WEAK_SIGNATURE_OR_KEY", CaOutcome.Denied, () => Strings.AdcsWeakKey);
        Add(BadRequestSubject, "CERTSRV_E_BAD_REQUESTSUBJECT", CaOutcome.Denied, () => Strings.AdcsBadRequestSubject);

        // Everything else the CA or Windows may say about a call.
        Add(NoRequest, "CERTSRV_E_NO_REQUEST", CaOutcome.Failed, () => Strings.AdcsNoRequest);
        Add(BadRequestStatus, "CERTSRV_E_BAD_REQUESTSTATUS", CaOutcome.Failed, () => Strings.AdcsBadRequestStatus);
        Add(PropertyEmpty, "CERTSRV_E_PROPERTY_EMPTY", CaOutcome.Failed, () => Strings.AdcsPropertyEmpty);
        Add(InvalidArgument, "E_INVALIDARG", CaOutcome.Failed, () => Strings.AdcsInvalidArgument);
        Add(Asn1BadTag, "CRYPT_E_ASN1_BADTAG", CaOutcome.Failed, () => Strings.AdcsRequestUnreadable);
        Add(FileNotFound, "ERROR_FILE_NOT_FOUND", CaOutcome.Failed, () => Strings.AdcsFileNotFound);
        Add(ClassNotRegistered, "REGDB_E_CLASSNOTREG", CaOutcome.Failed, () => Strings.AdcsClassNotRegistered);

        // The network: the same request may be retried once the CA is reachable.
        Add(RpcServerUnavailable, "RPC_S_SERVER_UNAVAILABLE", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(RpcServerTooBusy, "RPC_S_SERVER_TOO_BUSY", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(RpcCallFailed, "RPC_S_CALL_FAILED", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(RpcCallFailedDidNotExecute, "RPC_S_CALL_FAILED_DNE", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(EndpointNotRegistered, "EPT_S_NOT_REGISTERED", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(RpcCallCancelled, "RPC_S_CALL_CANCELLED", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(BadNetPath, "ERROR_BAD_NETPATH", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(BadNetName, "ERROR_BAD_NET_NAME", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(SemaphoreTimeout, "ERROR_SEM_TIMEOUT", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(ConnectionRefused, "ERROR_CONNECTION_REFUSED", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(NetworkUnreachable, "ERROR_NETWORK_UNREACHABLE", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(HostUnreachable, "ERROR_HOST_UNREACHABLE", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(Timeout, "ERROR_TIMEOUT", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(ServerExecFailure, "CO_E_SERVER_EXEC_FAILURE", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(WsaTimedOut, "WSAETIMEDOUT", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(WsaConnectionRefused, "WSAECONNREFUSED", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        Add(WsaHostNotFound, "WSAHOST_NOT_FOUND", CaOutcome.Unreachable, () => Strings.AdcsUnreachable);
        return table;
    }
}
