// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// The certcli.h identifiers and flags the client uses (https://learn.microsoft.com/windows/win32/api/certcli/nn-certcli-icertrequest2).
/// </summary>
internal static class CertCli
{
    /// <summary>CLSID of CCertRequest.</summary>
    public const string CertRequestClsid = "98AFF3F0-5524-11D0-8812-00A0C903B83C";

    /// <summary>IID of ICertRequest2.</summary>
    public const string CertRequest2Iid = "A4772988-4A85-4FA9-824E-B5CF5C16405A";

    /// <summary>CR_IN_BASE64: the request is base64 text without a PEM header.</summary>
    public const int InBase64 = 0x1;

    /// <summary>CR_IN_PKCS10: the request is a PKCS #10 CSR.</summary>
    public const int InPkcs10 = 0x100;

    /// <summary>CR_OUT_BASE64: base64 without a header.</summary>
    public const int OutBase64 = 0x1;

    /// <summary>CR_OUT_CHAIN: a PKCS #7 with the whole chain instead of the bare certificate.</summary>
    public const int OutChain = 0x100;

    /// <summary>The Certificate Wizard's template when none is named.</summary>
    public const string DefaultTemplate = "WebServer";

    /// <summary>The request-attribute name that carries the template (attributes are Name:Value lines).</summary>
    public const string TemplateAttributeName = "CertificateTemplate";
}
