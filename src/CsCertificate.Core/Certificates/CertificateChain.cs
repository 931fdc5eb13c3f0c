// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;

namespace CsCertificate.Certificates;

/// <summary>
/// Puts a certificate's chain in the order PFX and PEM readers expect: each certificate followed by its issuer.
/// </summary>
internal static class CertificateChain
{
    /// <summary>The issuers of <paramref name="leaf"/> found among <paramref name="candidates"/>, nearest first; the leaf is not included.</summary>
    public static IReadOnlyList<byte[]> IssuerPath(byte[] leaf, IEnumerable<byte[]> candidates)
    {
        List<CertificateFacts> left = candidates.Select(CertificateFacts.Read).ToList();
        var path = new List<byte[]>();
        CertificateFacts current = CertificateFacts.Read(leaf);
        while (true)
        {
            CertificateFacts? issuer = left.FirstOrDefault(c => c.Issued(current));
            if (issuer == null)
            {
                return path;
            }

            path.Add(issuer.Der);
            left.Remove(issuer);
            current = issuer;
        }
    }

    /// <summary>Every certificate of <paramref name="chain"/>: the leaf's issuers nearest first, then any others as given.</summary>
    public static IReadOnlyList<byte[]> Order(byte[] leaf, IReadOnlyList<byte[]> chain)
    {
        IReadOnlyList<byte[]> path = IssuerPath(leaf, chain);
        return path.Concat(chain.Where(c => !path.Contains(c))).ToList();
    }
}
