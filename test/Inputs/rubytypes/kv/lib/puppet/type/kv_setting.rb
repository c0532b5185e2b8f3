Puppet::Type.newtype(:kv_setting) do
  @doc = 'A key and its value in a file (test type).'
  ensurable

  newparam(:key, namevar: true) do
    desc 'The key'
  end

  newproperty(:val) do
    desc 'The value'
  end

  newparam :path do
    desc 'The file'
  end
end
