// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Model;

/// <summary>
/// How Export-CsCertificate encrypts a PFX file; the names of Export-PfxCertificate's -CryptoAlgorithmOption.
/// </summary>
public enum CryptoAlgorithmOption
{
    /// <summary>
    /// pbeWithSHAAnd3-KeyTripleDES-CBC for the key and the certificates, SHA-1 MAC: what every Windows imports,
    /// Windows Server 2012 R2 and 2016 (where Skype for Business Server 2015 runs) included.
    /// </summary>
    TripleDES_SHA1,

    /// <summary>PBES2 (PBKDF2 with HMAC-SHA256, AES-256-CBC) and a SHA-256 MAC: Windows Server 2019 and Windows 10 1709 or later.</summary>
    AES256_SHA256,
}
