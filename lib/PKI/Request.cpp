//===- Request.cpp - Keys and certificate signing requests ----------------===//
#include "cppet/PKI/Request.h"

#include "Handles.h"

#include "llvm/ADT/StringExtras.h"

#include <openssl/err.h>

namespace cppet::pki {

namespace {
// Puppet's lib/puppet/ssl/oids.rb names under 1.3.6.1.4.1.34380.1.
struct PpOid {
  const char *Oid;
  const char *Name;
};
constexpr PpOid PpOids[] = {
    {"1.3.6.1.4.1.34380.1.1.1", "pp_uuid"},
    {"1.3.6.1.4.1.34380.1.1.2", "pp_instance_id"},
    {"1.3.6.1.4.1.34380.1.1.3", "pp_image_name"},
    {"1.3.6.1.4.1.34380.1.1.4", "pp_preshared_key"},
    {"1.3.6.1.4.1.34380.1.1.5", "pp_cost_center"},
    {"1.3.6.1.4.1.34380.1.1.6", "pp_product"},
    {"1.3.6.1.4.1.34380.1.1.7", "pp_project"},
    {"1.3.6.1.4.1.34380.1.1.8", "pp_application"},
    {"1.3.6.1.4.1.34380.1.1.9", "pp_service"},
    {"1.3.6.1.4.1.34380.1.1.10", "pp_employee"},
    {"1.3.6.1.4.1.34380.1.1.11", "pp_created_by"},
    {"1.3.6.1.4.1.34380.1.1.12", "pp_environment"},
    {"1.3.6.1.4.1.34380.1.1.13", "pp_role"},
    {"1.3.6.1.4.1.34380.1.1.14", "pp_software_version"},
    {"1.3.6.1.4.1.34380.1.1.15", "pp_department"},
    {"1.3.6.1.4.1.34380.1.1.16", "pp_cluster"},
    {"1.3.6.1.4.1.34380.1.1.17", "pp_provisioner"},
    {"1.3.6.1.4.1.34380.1.1.18", "pp_region"},
    {"1.3.6.1.4.1.34380.1.1.19", "pp_datacenter"},
    {"1.3.6.1.4.1.34380.1.1.20", "pp_zone"},
    {"1.3.6.1.4.1.34380.1.1.21", "pp_network"},
    {"1.3.6.1.4.1.34380.1.1.22", "pp_securitypolicy"},
    {"1.3.6.1.4.1.34380.1.1.23", "pp_cloudplatform"},
    {"1.3.6.1.4.1.34380.1.1.24", "pp_apptier"},
    {"1.3.6.1.4.1.34380.1.1.25", "pp_hostname"},
    {"1.3.6.1.4.1.34380.1.1.26", "pp_owner"},
    {"1.3.6.1.4.1.34380.1.3.1", "pp_authorization"},
    {"1.3.6.1.4.1.34380.1.3.13", "pp_auth_role"},
    {"1.3.6.1.4.1.34380.1.3.39", "pp_cli_auth"},
};
} // namespace

std::string ppOidName(llvm::StringRef Oid) {
  for (const PpOid &P : PpOids)
    if (Oid == P.Oid)
      return P.Name;
  return Oid.str();
}

std::string ppOidFromName(llvm::StringRef Name) {
  for (const PpOid &P : PpOids)
    if (Name == P.Name)
      return P.Oid;
  return Name.str();
}

llvm::Expected<std::string> generatePrivateKey(const KeySpec &Spec) {
  PKeyPtr Key(Spec.Type == KeyType::RSA ? EVP_RSA_gen(Spec.Bits)
                                        : EVP_EC_gen(Spec.Curve.c_str()));
  if (!Key)
    return opensslError("cannot generate a private key");
  return privateKeyPem(Key.get());
}

llvm::Expected<std::string> publicKeyOf(llvm::StringRef PrivateKeyPem) {
  auto Key = parsePrivateKey(PrivateKeyPem);
  if (!Key)
    return Key.takeError();
  return publicKeyPem(Key->get());
}

/// "name" -> "DNS:name"; "DNS:x"/"IP:x" kept.
static std::string sanEntry(llvm::StringRef Name) {
  Name = Name.trim();
  if (Name.startswith("DNS:") || Name.startswith("IP:"))
    return Name.str();
  return ("DNS:" + Name).str();
}

static llvm::Expected<ObjectPtr> objectOf(llvm::StringRef OidOrName) {
  std::string Text = ppOidFromName(OidOrName);
  ObjectPtr Obj(OBJ_txt2obj(Text.c_str(), 0));
  if (!Obj)
    return opensslError("invalid OID '" + OidOrName + "'");
  return Obj;
}

llvm::Expected<std::string> makeRequest(llvm::StringRef PrivateKeyPem,
                                        const RequestSpec &Spec) {
  auto Key = parsePrivateKey(PrivateKeyPem);
  if (!Key)
    return Key.takeError();
  ReqPtr Req(X509_REQ_new());
  X509_REQ_set_version(Req.get(), 0);
  X509_NAME *Subject = X509_REQ_get_subject_name(Req.get());
  X509_NAME_add_entry_by_NID(
      Subject, NID_commonName, MBSTRING_UTF8,
      reinterpret_cast<const unsigned char *>(Spec.Certname.c_str()), -1, -1,
      0);
  X509_REQ_set_pubkey(Req.get(), Key->get());

  for (const auto &[Oid, Value] : Spec.CustomAttributes) {
    auto Obj = objectOf(Oid);
    if (!Obj)
      return Obj.takeError();
    if (!X509_REQ_add1_attr_by_OBJ(
            Req.get(), Obj->get(), MBSTRING_ASC,
            reinterpret_cast<const unsigned char *>(Value.c_str()), -1))
      return opensslError("cannot add the attribute " + Oid);
  }

  ExtStackPtr Exts(sk_X509_EXTENSION_new_null());
  if (!Spec.DnsAltNames.empty()) {
    std::string Sans;
    for (const std::string &N : Spec.DnsAltNames)
      Sans += sanEntry(N) + ",";
    Sans += "DNS:" + Spec.Certname;
    ExtPtr San(X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name,
                                   Sans.c_str()));
    if (!San)
      return opensslError("invalid dns_alt_names '" + Sans + "'");
    sk_X509_EXTENSION_push(Exts.get(), San.release());
  }
  for (const auto &[Oid, Value] : Spec.ExtensionRequests) {
    auto Obj = objectOf(Oid);
    if (!Obj)
      return Obj.takeError();
    ExtPtr Ext = utf8Extension(Obj->get(), Value);
    if (!Ext)
      return opensslError("cannot add the extension request " + Oid);
    sk_X509_EXTENSION_push(Exts.get(), Ext.release());
  }
  if (sk_X509_EXTENSION_num(Exts.get()) > 0 &&
      !X509_REQ_add_extensions(Req.get(), Exts.get()))
    return opensslError("cannot add the extension requests");

  if (!X509_REQ_sign(Req.get(), Key->get(), EVP_sha256()))
    return opensslError("cannot sign the certificate request");
  return requestPemOf(Req.get());
}

llvm::Expected<RequestInfo> inspectRequest(llvm::StringRef CsrPem) {
  auto Req = parseRequest(CsrPem);
  if (!Req)
    return Req.takeError();
  RequestInfo Info;
  Info.CommonName = commonNameOf(X509_REQ_get_subject_name(Req->get()));
  EVP_PKEY *Key = X509_REQ_get0_pubkey(Req->get());
  if (Key) {
    int Id = EVP_PKEY_get_base_id(Key);
    Info.KeyAlgorithm = Id == EVP_PKEY_RSA  ? "RSA"
                        : Id == EVP_PKEY_EC ? "EC"
                                            : OBJ_nid2sn(Id);
    Info.SignatureValid = X509_REQ_verify(Req->get(), Key) == 1;
  }
  ERR_clear_error();
  Info.Fingerprint = fingerprintOf(derOf(Req->get()), EVP_sha256());

  for (int I = 0; I < X509_REQ_get_attr_count(Req->get()); ++I) {
    X509_ATTRIBUTE *Attr = X509_REQ_get_attr(Req->get(), I);
    int Nid = OBJ_obj2nid(X509_ATTRIBUTE_get0_object(Attr));
    if (Nid == NID_ext_req || Nid == NID_ms_ext_req)
      continue;
    ASN1_TYPE *Value = X509_ATTRIBUTE_get0_type(Attr, 0);
    std::string Text;
    if (Value && Value->type != V_ASN1_OBJECT && Value->type != V_ASN1_NULL &&
        Value->type != V_ASN1_BOOLEAN && Value->type != V_ASN1_SEQUENCE &&
        Value->type != V_ASN1_SET) {
      const ASN1_STRING *S = Value->value.asn1_string;
      Text.assign(reinterpret_cast<const char *>(ASN1_STRING_get0_data(S)),
                  static_cast<size_t>(ASN1_STRING_length(S)));
    }
    std::string Name = Nid == NID_pkcs9_challengePassword
                           ? "challengePassword"
                           : oidText(X509_ATTRIBUTE_get0_object(Attr));
    Info.CustomAttributes.emplace_back(Name, Text);
  }

  ExtStackPtr Exts(X509_REQ_get_extensions(Req->get()));
  for (int I = 0; Exts && I < sk_X509_EXTENSION_num(Exts.get()); ++I) {
    X509_EXTENSION *Ext = sk_X509_EXTENSION_value(Exts.get(), I);
    const ASN1_OBJECT *Obj = X509_EXTENSION_get_object(Ext);
    if (OBJ_obj2nid(Obj) == NID_subject_alt_name) {
      GeneralNamesPtr Names(static_cast<GENERAL_NAMES *>(X509V3_EXT_d2i(Ext)));
      if (Names)
        for (std::string &N : generalNamesText(Names.get()))
          Info.SubjectAltNames.push_back(std::move(N));
      continue;
    }
    Info.ExtensionRequests.emplace_back(
        oidText(Obj), extensionValueText(X509_EXTENSION_get_data(Ext)));
  }
  ERR_clear_error();
  return Info;
}

} // namespace cppet::pki
