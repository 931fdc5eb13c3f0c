// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// The ICertRequest calls the AD CS client makes, on one request object: the seam between
/// <see cref="AdcsCaClient"/> and certcli.dll. A failing call throws a
/// <see cref="System.Runtime.InteropServices.COMException"/> whose HResult says why.
/// </summary>
internal interface ICertRequestApi : IDisposable
{
    /// <summary>ICertRequest::Submit.</summary>
    /// <returns>The CR_DISP_* disposition.</returns>
    int Submit(int flags, string request, string attributes, string config);

    /// <summary>ICertRequest::RetrievePending.</summary>
    /// <returns>The CR_DISP_* disposition.</returns>
    int RetrievePending(int requestId, string config);

    /// <summary>ICertRequest::GetLastStatus: the HRESULT of the last Submit or RetrievePending.</summary>
    int GetLastStatus();

    /// <summary>ICertRequest::GetRequestId: the CA's id of the last request.</summary>
    int GetRequestId();

    /// <summary>ICertRequest::GetDispositionMessage: the CA's own words, localized on the server.</summary>
    string? GetDispositionMessage();

    /// <summary>ICertRequest::GetCertificate.</summary>
    string? GetCertificate(int flags);
}
