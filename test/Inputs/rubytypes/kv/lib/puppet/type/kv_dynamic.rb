Puppet::Type.newtype(:kv_dynamic) do
  @doc = 'Attributes made in a loop: not checked statically.'
  [:a, :b].each do |attr|
    newparam(attr)
  end
  newparam(:name, namevar: true)
end
