// The navigation icon for training: a speech bubble with a play mark (practise a conversation).
export function TrainingIcon({ size = 18 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M4 5h16v11H9l-5 4z" />
      <path d="M10.5 8.2v4.6l3.8-2.3z" fill="currentColor" />
    </svg>
  );
}
