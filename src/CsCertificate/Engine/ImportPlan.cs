// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Certificates;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// What Import-CsCertificate found in a file: the certificates, and the stored request they complete (none for
/// a PFX, which carries its own key).
/// </summary>
internal sealed class ImportPlan
{
    public ImportPlan(string path, byte[] content, CertificateResponse response, RequestRecord? request)
    {
        Path = path;
        Content = content;
        Response = response;
        Request = request;
    }

    public string Path { get; }

    public byte[] Content { get; }

    public CertificateResponse Response { get; }

    /// <summary>Gets the request whose key the certificate has; null for a PFX.</summary>
    public RequestRecord? Request { get; }
}
