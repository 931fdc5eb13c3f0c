// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// The certcli.dll request coclass (ProgID CertificateAuthority.Request). Declared by hand so that no interop
/// assembly ships; only its CLSID is used, through <see cref="CertRequestComApi"/>.
/// </summary>
[ComImport]
[Guid(CertCli.CertRequestClsid)]
internal class CCertRequest
{
}
