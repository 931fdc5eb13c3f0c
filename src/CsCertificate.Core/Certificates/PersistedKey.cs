// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CsCertificate.Certificates;

/// <summary>
/// Deletes the key container that loading a PFX with PersistKeySet left on Windows (a file in MachineKeys, or in
/// the CNG Keys folder), when the certificate it was for did not reach the store: otherwise every failed install
/// would leave a private key behind. Elsewhere .NET keeps such a key in memory only, and nothing is left.
/// </summary>
internal static class PersistedKey
{
    /// <summary>Deletes the certificate's persisted private key, CNG or CAPI; what cannot be deleted is left as it is.</summary>
    /// <returns>Whether a key container was deleted.</returns>
    public static bool Delete(X509Certificate2 certificate)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || !certificate.HasPrivateKey)
        {
            return false;
        }

        try
        {
            using AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();
            switch (key)
            {
                case RSACryptoServiceProvider capi:
                    // A CAPI container goes when its last handle is released without being kept.
                    capi.PersistKeyInCsp = false;
                    capi.Clear();
                    return true;
                case AsymmetricAlgorithm cng when cng.GetType().Name == "RSACng" || cng.GetType().Name == "ECDsaCng":
                    // RSACng.Key.Delete(), by name: netstandard2.0 does not have the CNG types.
                    object? cngKey = cng.GetType().GetProperty("Key")?.GetValue(cng);
                    MethodInfo? delete = cngKey?.GetType().GetMethod("Delete", Type.EmptyTypes);
                    delete?.Invoke(cngKey, null);
                    return delete != null;
                default:
                    return false;
            }
        }
        catch (Exception ex) when (ex is CryptographicException || ex is TargetInvocationException)
        {
            return false;
        }
    }
}
