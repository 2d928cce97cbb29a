package discordtest

// DescriptionError says why requests go unchecked against Discord's API
// description, or nil if they are checked, so that tests of the checks can
// skip where the description is absent.
func DescriptionError() error {
	_, err := apiDescription()
	return err
}
