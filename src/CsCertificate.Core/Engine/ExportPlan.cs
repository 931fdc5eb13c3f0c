// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// An export that passed every check: the request, what the certificate store gave for it, and the files to
/// write. Nothing has been written yet, so -WhatIf can show it.
/// </summary>
internal sealed class ExportPlan
{
    public ExportPlan(RequestRecord request, Pkcs12Content content, OutputFile certificateFile, OutputFile? keyFile, CryptoAlgorithmOption algorithm)
    {
        Request = request;
        Content = content;
        CertificateFile = certificateFile;
        KeyFile = keyFile;
        Algorithm = algorithm;
    }

    public RequestRecord Request { get; }

    /// <summary>Gets the key, the certificate, the chain to write and the friendly name.</summary>
    public Pkcs12Content Content { get; }

    /// <summary>Gets the PFX file, or the PEM certificates when <see cref="KeyFile"/> is set.</summary>
    public OutputFile CertificateFile { get; }

    /// <summary>Gets the PEM private key file; null for a PFX.</summary>
    public OutputFile? KeyFile { get; }

    public CryptoAlgorithmOption Algorithm { get; }
}
