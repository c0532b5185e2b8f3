# A class declared with a stage is contained in that stage.
# RUN: cppetc compile --node web1.example.com --manifest %s --facts %inputs/facts.json --compact | FileCheck %s
stage { 'pre': before => Stage['main'] }
class repos { notify { 'repos': } }
class { 'repos': stage => 'pre' }
# CHECK: {"source":"Stage[pre]","target":"Class[Repos]"}
