// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.CaClient.Acme;

/// <summary>What <see cref="TlsFailure.Classify"/> found.</summary>
internal enum TlsFailureKind
{
    /// <summary>Not a TLS failure: the server could not be reached, or went away.</summary>
    None,

    /// <summary>The server's certificate is not trusted here.</summary>
    Untrusted,

    /// <summary>The handshake failed: no protocol version or cipher suite in common.</summary>
    Handshake,
}
