//===- Types.h - Factories of the built-in resource types -------*- C++ -*-===//
#ifndef CPPET_LIB_APPLY_TYPES_H
#define CPPET_LIB_APPLY_TYPES_H

#include "cppet/Apply/ResourceType.h"

#include <memory>

namespace cppet::apply {

std::unique_ptr<ResourceType> makeFileType();    // File.cpp
std::unique_ptr<ResourceType> makeExecType();    // Exec.cpp
std::unique_ptr<ResourceType> makeNotifyType();  // Notify.cpp
std::unique_ptr<ResourceType> makePackageType(); // Package.cpp
std::unique_ptr<ResourceType> makeServiceType(); // Service.cpp
std::unique_ptr<ResourceType> makeUserType();    // User.cpp
std::unique_ptr<ResourceType> makeGroupType();   // Group.cpp
std::unique_ptr<ResourceType> makeCronType();    // Cron.cpp
std::unique_ptr<ResourceType> makeHostType();    // Host.cpp
/// Stage, Class, Node, Schedule, Filebucket, Whit: nothing to sync.
std::unique_ptr<ResourceType>
makePseudoType(llvm::StringRef Name); // Notify.cpp

} // namespace cppet::apply

#endif // CPPET_LIB_APPLY_TYPES_H
