// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// certcli.h ICertRequest2, in vtable order. .NET does not chain COM vtables across interface inheritance, so
/// every ICertRequest method is declared again first, then the ICertRequest2 additions
/// (https://learn.microsoft.com/windows/win32/api/certcli/nn-certcli-icertrequest2).
/// HRESULTs are hidden: a failure is thrown, and [retval] is the return value.
/// </summary>
[ComImport]
[Guid(CertCli.CertRequest2Iid)]
[InterfaceType(ComInterfaceType.InterfaceIsDual)]
internal interface ICertRequest2
{
    // ICertRequest
    int Submit(
        int flags,
        [MarshalAs(UnmanagedType.BStr)] string strRequest,
        [MarshalAs(UnmanagedType.BStr)] string strAttributes,
        [MarshalAs(UnmanagedType.BStr)] string strConfig);

    int RetrievePending(int requestId, [MarshalAs(UnmanagedType.BStr)] string strConfig);

    int GetLastStatus();

    int GetRequestId();

    [return: MarshalAs(UnmanagedType.BStr)]
    string? GetDispositionMessage();

    [return: MarshalAs(UnmanagedType.BStr)]
    string? GetCACertificate(int fExchangeCertificate, [MarshalAs(UnmanagedType.BStr)] string strConfig, int flags);

    [return: MarshalAs(UnmanagedType.BStr)]
    string? GetCertificate(int flags);

    // ICertRequest2
    int GetIssuedCertificate(
        [MarshalAs(UnmanagedType.BStr)] string strConfig,
        int requestId,
        [MarshalAs(UnmanagedType.BStr)] string? strSerialNumber);

    [return: MarshalAs(UnmanagedType.BStr)]
    string? GetErrorMessageText(int hrMessage, int flags);

    [return: MarshalAs(UnmanagedType.Struct)]
    object? GetCAProperty([MarshalAs(UnmanagedType.BStr)] string strConfig, int propId, int propIndex, int propType, int flags);

    int GetCAPropertyFlags([MarshalAs(UnmanagedType.BStr)] string strConfig, int propId);

    [return: MarshalAs(UnmanagedType.BStr)]
    string? GetCAPropertyDisplayName([MarshalAs(UnmanagedType.BStr)] string strConfig, int propId);

    [return: MarshalAs(UnmanagedType.Struct)]
    object? GetFullResponseProperty(int propId, int propIndex, int propType, int flags);
}
