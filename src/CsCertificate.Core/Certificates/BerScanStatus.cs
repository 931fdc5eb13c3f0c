// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Certificates;

/// <summary>What <see cref="BerScanner"/> found in a buffer.</summary>
internal enum BerScanStatus
{
    /// <summary>One well-formed BER element starts the buffer.</summary>
    Valid,

    /// <summary>The tags or lengths are inconsistent or run past the end of the buffer.</summary>
    Malformed,

    /// <summary>The element nests more levels deep than allowed.</summary>
    TooDeep,
}
