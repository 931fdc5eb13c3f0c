// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Model;

/// <summary>
/// The key algorithms that -KeyAlg accepts, named as in the original cmdlet.
/// </summary>
public enum KeyAlgorithmIdentifier
{
    /// <summary>An RSA key of -KeySize bits.</summary>
    RSA,

    /// <summary>An elliptic-curve key on NIST P-256.</summary>
    ECDH_P256,

    /// <summary>An elliptic-curve key on NIST P-384.</summary>
    ECDH_P384,

    /// <summary>An elliptic-curve key on NIST P-521.</summary>
    ECDH_P521,
}
