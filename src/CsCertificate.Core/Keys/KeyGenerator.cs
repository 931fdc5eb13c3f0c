// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CsCertificate.Model;

namespace CsCertificate.Keys;

/// <summary>
/// Generates keys with the platform's provider: CNG on Windows, OpenSSL on Linux and macOS. BouncyCastle's
/// managed RSA generator is 1.5 to 3 times slower and is never used.
/// </summary>
internal static class KeyGenerator
{
    private static readonly bool s_isNetFramework =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public static KeyPair Generate(KeySpec spec)
    {
        AsymmetricAlgorithm key = spec.Algorithm switch
        {
            KeyAlgorithmIdentifier.ECDH_P256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            KeyAlgorithmIdentifier.ECDH_P384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
            KeyAlgorithmIdentifier.ECDH_P521 => ECDsa.Create(ECCurve.NamedCurves.nistP521),
            _ => CreateRsa(spec.RsaKeySize),
        };

        // Generation is lazy in every provider; export once so the cost is paid here, where progress is shown.
        if (key is RSA rsa)
        {
            rsa.ExportParameters(false);
        }

        return new KeyPair(spec, key);
    }

    /// <summary>Creates an RSA object of the platform provider for a key of this size.</summary>
    internal static RSA CreateRsa(int bits)
    {
        if (s_isNetFramework)
        {
            // Windows PowerShell: RSA.Create() is the legacy CAPI provider, which ignores a later KeySize; use CNG.
            Type cng = Type.GetType("System.Security.Cryptography.RSACng, System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089", throwOnError: true)!;
            return (RSA)Activator.CreateInstance(cng, bits)!;
        }

        RSA rsa = RSA.Create();
        rsa.KeySize = bits;
        return rsa;
    }
}
