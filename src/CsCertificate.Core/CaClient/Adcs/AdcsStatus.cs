// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// One known HRESULT of an AD CS answer: its name, what it means for the request, and what to do about it.
/// </summary>
internal sealed class AdcsStatus
{
    private readonly Func<string> _explanation;

    public AdcsStatus(int hresult, string name, CaOutcome outcome, Func<string> explanation)
    {
        HResult = hresult;
        Name = name;
        Outcome = outcome;
        _explanation = explanation;
    }

    public int HResult { get; }

    /// <summary>Gets the winerror.h / certsrv name, for example CERTSRV_E_TEMPLATE_DENIED.</summary>
    public string Name { get; }

    public CaOutcome Outcome { get; }

    /// <summary>
    /// Gets the message format, read when used so it follows the current UI culture. Its arguments:
    /// {0} config string, {1} template, {2} code and name, {3} who asked, {4} host, {5} CA name.
    /// </summary>
    public string Explanation => _explanation();
}
