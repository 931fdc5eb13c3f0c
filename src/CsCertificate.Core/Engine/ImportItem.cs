// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// One certificate of an imported file that is not a CA's, and what will happen to it.
/// </summary>
internal sealed class ImportItem
{
    private ImportItem(string path, CertificateFacts certificate, ImportAction action, RequestRecord? request, IReadOnlyList<byte[]> chain, CsCertificateException? refusal)
    {
        Path = path;
        Certificate = certificate;
        Action = action;
        Request = request;
        Chain = chain;
        Refusal = refusal;
    }

    /// <summary>Gets the file the certificate came from.</summary>
    public string Path { get; }

    public CertificateFacts Certificate { get; }

    public ImportAction Action { get; }

    /// <summary>Gets the request the certificate completes, or is already installed as; null when refused.</summary>
    public RequestRecord? Request { get; }

    /// <summary>Gets the file's CA certificates, installed with it as its chain.</summary>
    public IReadOnlyList<byte[]> Chain { get; }

    /// <summary>Gets the error that says why the certificate is not installed, for <see cref="ImportAction.Refuse"/>.</summary>
    public CsCertificateException? Refusal { get; }

    public static ImportItem Complete(string path, CertificateFacts certificate, RequestRecord request, IReadOnlyList<byte[]> chain) =>
        new ImportItem(path, certificate, ImportAction.Complete, request, chain, null);

    public static ImportItem AlreadyInstalled(string path, CertificateFacts certificate, RequestRecord request) =>
        new ImportItem(path, certificate, ImportAction.AlreadyInstalled, request, Array.Empty<byte[]>(), null);

    public static ImportItem Refuse(string path, CertificateFacts certificate, CsCertificateException refusal) =>
        new ImportItem(path, certificate, ImportAction.Refuse, null, Array.Empty<byte[]>(), refusal);
}
