class mymod::sub::deep {
  notify { "deep in ${module_name}": }
}
