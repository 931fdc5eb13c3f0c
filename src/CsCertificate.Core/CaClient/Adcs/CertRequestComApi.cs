// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// <see cref="ICertRequestApi"/> on one certcli.dll CCertRequest COM object. Windows only.
/// </summary>
internal sealed class CertRequestComApi : ICertRequestApi
{
    private object? _comObject;
    private ICertRequest2? _request;

    /// <exception cref="Common.CsCertificateException">Not on Windows (CaNotSupportedOnPlatform).</exception>
    /// <exception cref="COMException">certcli.dll's class could not be created.</exception>
    public CertRequestComApi()
    {
        if (!AdcsPlatform.IsDcomAvailable)
        {
            throw AdcsPlatform.NotSupportedException(null);
        }

        Type type = Call(() => Type.GetTypeFromCLSID(typeof(CCertRequest).GUID, throwOnError: true)!);
        object comObject = Call(() => Activator.CreateInstance(type)!);
        try
        {
            // The cast is the QueryInterface for ICertRequest2.
            _request = Call(() => (ICertRequest2)comObject);
        }
        catch
        {
            Marshal.FinalReleaseComObject(comObject);
            throw;
        }

        _comObject = comObject;
    }

    public int Submit(int flags, string request, string attributes, string config)
    {
        ICertRequest2 com = Request;
        return Call(() => com.Submit(flags, request, attributes, config));
    }

    public int RetrievePending(int requestId, string config)
    {
        ICertRequest2 com = Request;
        return Call(() => com.RetrievePending(requestId, config));
    }

    public int GetLastStatus()
    {
        ICertRequest2 com = Request;
        return Call(() => com.GetLastStatus());
    }

    public int GetRequestId()
    {
        ICertRequest2 com = Request;
        return Call(() => com.GetRequestId());
    }

    public string? GetDispositionMessage()
    {
        ICertRequest2 com = Request;
        return Call(() => com.GetDispositionMessage());
    }

    public string? GetCertificate(int flags)
    {
        ICertRequest2 com = Request;
        return Call(() => com.GetCertificate(flags));
    }

    public void Dispose()
    {
        object? comObject = _comObject;
        _comObject = null;
        _request = null;
        if (comObject != null)
        {
            Marshal.FinalReleaseComObject(comObject);
        }
    }

    private ICertRequest2 Request => _request ?? throw new ObjectDisposedException(nameof(CertRequestComApi));

    /// <summary>
    /// Runs a COM call and keeps the seam's promise that failures are COMExceptions: the runtime turns some
    /// HRESULTs into other exceptions (E_ACCESSDENIED into UnauthorizedAccessException, E_INVALIDARG into
    /// ArgumentException, E_NOINTERFACE into InvalidCastException...), which would otherwise escape the mapping.
    /// </summary>
    private static T Call<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (IsTranslatedHResult(ex))
        {
            throw new COMException(ex.Message, ex.HResult);
        }
    }

    private static bool IsTranslatedHResult(Exception ex) =>
        ex.HResult < 0 &&
        (ex is UnauthorizedAccessException || ex is ArgumentException || ex is IOException || ex is InvalidCastException ||
         ex is NotImplementedException);
}
