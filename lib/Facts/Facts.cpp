//===- Facts.cpp - collectFacts: core, legacy, external, environment ------===//
#include "Sources.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <unistd.h> // environ (_GNU_SOURCE)

using namespace llvm;

namespace cppet::facts {

namespace {

/// Legacy fact names replace characters other than [A-Za-z0-9_] with '_'
/// (eth0.100 -> eth0_100).
std::string legacyName(StringRef Name) {
  std::string Out = Name.str();
  for (char &C : Out)
    if (!isAlnum(C) && C != '_')
      C = '_';
  return Out;
}

void copyIf(Json &F, const char *To, const Json *From) {
  if (From && !From->is_null())
    F[To] = *From;
}

/// Facter's *_mb facts: an unrounded number of MiB.
double megabytes(uint64_t Bytes) { return double(Bytes) / (1024.0 * 1024.0); }

/// The flat facts Puppet 7 agents still send next to the structured ones.
void addLegacyFacts(Json &F) {
  // Look up in a copy: inserting into F (a vector underneath) would
  // invalidate pointers into it.
  const Json Core = F;
  auto At = [&](StringRef Dotted) { return lookupFact(Core, Dotted); };
  copyIf(F, "architecture", At("os.architecture"));
  copyIf(F, "hardwaremodel", At("os.hardware"));
  copyIf(F, "hardwareisa", At("processors.isa"));
  copyIf(F, "osfamily", At("os.family"));
  copyIf(F, "operatingsystem", At("os.name"));
  copyIf(F, "operatingsystemrelease", At("os.release.full"));
  copyIf(F, "operatingsystemmajrelease", At("os.release.major"));
  copyIf(F, "lsbdistcodename", At("os.distro.codename"));
  copyIf(F, "lsbdistdescription", At("os.distro.description"));
  copyIf(F, "lsbdistid", At("os.distro.id"));
  copyIf(F, "lsbdistrelease", At("os.distro.release.full"));
  copyIf(F, "lsbmajdistrelease", At("os.distro.release.major"));
  copyIf(F, "lsbminordistrelease", At("os.distro.release.minor"));
  copyIf(F, "selinux", At("os.selinux.enabled"));
  copyIf(F, "hostname", At("networking.hostname"));
  copyIf(F, "domain", At("networking.domain"));
  copyIf(F, "fqdn", At("networking.fqdn"));
  copyIf(F, "ipaddress", At("networking.ip"));
  copyIf(F, "ipaddress6", At("networking.ip6"));
  copyIf(F, "macaddress", At("networking.mac"));
  copyIf(F, "netmask", At("networking.netmask"));
  copyIf(F, "netmask6", At("networking.netmask6"));
  copyIf(F, "network", At("networking.network"));
  copyIf(F, "network6", At("networking.network6"));
  copyIf(F, "scope6", At("networking.scope6"));
  copyIf(F, "processorcount", At("processors.count"));
  copyIf(F, "physicalprocessorcount", At("processors.physicalcount"));
  copyIf(F, "id", At("identity.user"));
  copyIf(F, "gid", At("identity.group"));
  if (const Json *Models = At("processors.models");
      Models && Models->is_array())
    for (size_t I = 0; I < Models->size(); ++I)
      F["processor" + std::to_string(I)] = (*Models)[I];
  if (const Json *Ifaces = At("networking.interfaces");
      Ifaces && Ifaces->is_object()) {
    std::string Names;
    for (auto It = Ifaces->begin(); It != Ifaces->end(); ++It) {
      std::string Name = legacyName(It.key());
      Names += (Names.empty() ? "" : ",") + Name;
      static const std::pair<const char *, const char *> Keys[] = {
          {"ipaddress_", "ip"},      {"ipaddress6_", "ip6"},
          {"macaddress_", "mac"},    {"netmask_", "netmask"},
          {"netmask6_", "netmask6"}, {"network_", "network"},
          {"network6_", "network6"}, {"mtu_", "mtu"},
          {"scope6_", "scope6"}};
      for (const auto &[Prefix, Key] : Keys)
        if (It.value().contains(Key))
          F[Prefix + Name] = It.value()[Key];
    }
    F["interfaces"] = Names;
  }
  for (const char *Kind : {"system", "swap"}) {
    const Json *M = At(std::string("memory.") + Kind);
    if (!M || !M->is_object())
      continue;
    std::string Prefix = StringRef(Kind) == "system" ? "memory" : "swap";
    uint64_t Total = (*M)["total_bytes"].get<uint64_t>();
    uint64_t Avail = (*M)["available_bytes"].get<uint64_t>();
    F[Prefix + "size"] = (*M)["total"];
    F[Prefix + "size_mb"] = megabytes(Total);
    F[Prefix + "free"] = (*M)["available"];
    F[Prefix + "free_mb"] = megabytes(Avail);
  }
  if (const Json *Disks = At("disks"); Disks && Disks->is_object()) {
    std::string Names;
    for (auto It = Disks->begin(); It != Disks->end(); ++It) {
      Names += (Names.empty() ? "" : ",") + It.key();
      std::string Base = "blockdevice_" + legacyName(It.key()) + "_";
      if (It.value().contains("size_bytes"))
        F[Base + "size"] = It.value()["size_bytes"];
      if (It.value().contains("model"))
        F[Base + "model"] = It.value()["model"];
      if (It.value().contains("vendor"))
        F[Base + "vendor"] = It.value()["vendor"];
    }
    F["blockdevices"] = Names;
  }
}

void addEnvironmentFacts(Json &F) {
  for (char **E = environ; E && *E; ++E) {
    StringRef Var(*E);
    if (!Var.startswith_insensitive("FACTER_"))
      continue;
    auto [Name, Value] = Var.drop_front(7).split('=');
    if (!Name.empty())
      F[Name.lower()] = Value.str();
  }
}

} // namespace

const Json *lookupFact(const Json &Facts, StringRef DottedName) {
  // A fact whose own name contains dots (FACTER_a.b, external facts) wins.
  if (Facts.is_object()) {
    auto Whole = Facts.find(DottedName.str());
    if (Whole != Facts.end())
      return &*Whole;
  }
  const Json *Cur = &Facts;
  SmallVector<StringRef, 8> Parts;
  DottedName.split(Parts, '.');
  for (StringRef Part : Parts) {
    if (Cur->is_object()) {
      auto It = Cur->find(Part.str());
      if (It == Cur->end())
        return nullptr;
      Cur = &*It;
    } else if (Cur->is_array()) {
      size_t Index = 0;
      if (Part.getAsInteger(10, Index) || Index >= Cur->size())
        return nullptr;
      Cur = &(*Cur)[Index];
    } else {
      return nullptr;
    }
  }
  return Cur;
}

Expected<Json> collectFacts(const FactOptions &Options,
                            std::vector<std::string> *Warnings) {
  detail::Warnings Local;
  detail::Warnings &W = Warnings ? *Warnings : Local;
  Json F = Json::object();
  detail::addSystemFacts(F, W);
  detail::addStorageFacts(F, W);
  detail::addNetworkingFacts(F, W);
  if (Options.Legacy)
    addLegacyFacts(F);
  detail::addExternalFacts(F, Options, W);
  if (Options.UseEnvironment)
    addEnvironmentFacts(F);
  return sortedFacts(F);
}

} // namespace cppet::facts
